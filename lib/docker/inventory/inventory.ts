// The inventory across every engine Strata knows: each engine's own image list (the same snapshot and
// layer facts its images page uses, so a warm inventory costs nothing new), asked in parallel. An engine
// that is down or hung answers its own error after a short ping and never holds up the others.
import 'server-only';
import type { InventoryEngine, InventoryResponse } from '@/lib/api/inventory';
import { StrataError } from '@/lib/api/errors';
import { engine, engineTimeoutMs } from '@/lib/docker/engine/client';
import { listEngineSpecs } from '@/lib/docker/engine/engines';
import { within } from '@/lib/docker/engine/engine-list';
import { onEngine } from '@/lib/docker/engine/scope';
import { snapshot } from '@/lib/docker/images/list';
import { summarizeImages } from '@/lib/docker/images/summaries';
import { findDrift, mergeRows, type EngineImage } from '@/lib/docker/inventory/match';

// A live engine answers /_ping at once; one that does not is down or stuck, and is left out quickly.
const PING_MS = 3_000;
// A cold list of thousands of images reads each one's layers: give it longer than one call.
const LIST_MS = 60_000;

interface EngineAnswer {
  summary: InventoryEngine;
  images: EngineImage[];
}

async function readEngine(name: string): Promise<EngineAnswer> {
  await engine((docker) => docker.ping(), { timeoutMs: Math.min(PING_MS, engineTimeoutMs()) });
  const snap = await snapshot();
  const list = summarizeImages(snap);
  const classic = snap.store === 'classic';
  const images = list.images.map((image): EngineImage => ({
    engine: name,
    imageId: image.id,
    tags: image.repoTags,
    containers: image.containers,
    size: image.size,
    created: image.created,
    diffIds: snap.layers.get(image.id)?.diffIds ?? null,
    labels: image.labels,
    history: (snap.layers.get(image.id)?.history ?? []).map((step) => ({
      created: step.Created,
      createdBy: step.CreatedBy,
      comment: step.Comment ?? '',
    })),
    idIsConfig: classic,
  }));
  return {
    images,
    summary: {
      engine: name,
      reachable: true,
      imageStore: snap.store,
      images: list.totals.images,
      diskUsed: list.totals.diskUsed,
      exact: list.totals.exact,
      error: null,
    },
  };
}

async function answerOf(name: string): Promise<EngineAnswer> {
  try {
    return await within(
      onEngine(name, () => readEngine(name)),
      LIST_MS,
      name,
    );
  } catch (cause) {
    const error = cause instanceof StrataError ? cause : new StrataError('internal', 'Strata could not read this engine’s images.');
    if (error.code === 'internal') console.error('[strata] inventory failed for engine', name, cause);
    return {
      images: [],
      summary: {
        engine: name,
        reachable: false,
        imageStore: null,
        images: 0,
        diskUsed: 0,
        exact: false,
        error: { code: error.code, message: error.message },
      },
    };
  }
}

export async function getInventory(): Promise<InventoryResponse> {
  const answers = await Promise.all(listEngineSpecs().map((spec) => answerOf(spec.name)));
  const rows = mergeRows(answers.flatMap((answer) => answer.images));
  return {
    rows,
    engines: answers.map((answer) => answer.summary),
    drift: findDrift(rows),
    totals: {
      contents: rows.length,
      onSeveral: rows.filter((row) => new Set(row.placements.map((placement) => placement.engine)).size > 1).length,
      diskUsed: answers.reduce((sum, answer) => sum + answer.summary.diskUsed, 0),
    },
  };
}
