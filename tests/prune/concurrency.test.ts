// Two writers at once, on the prune sandbox engine (never the default socket): each request ends with a
// defined result and a message that says what happened; nothing is half-done without saying so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as pruneRoute } from '@/app/api/prune/route';
import { DELETE as deleteRoute } from '@/app/api/images/[ref]/route';
import { GET as historyRoute } from '@/app/api/images/[ref]/history/route';
import { StrataError } from '@/lib/api/errors';
import { retag } from '@/lib/docker/writes/bulk';
import { prune } from '@/lib/docker/prune/run';
import { BLOCKED_BY_PRUNE, PRUNE_RUNNING, WRITES_RUNNING } from '@/lib/docker/engine/write-lock';
import { buildImage, docker, imageExists as exists, privateBase, requireSandbox } from '../support/sandbox';

const made: string[] = [];
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const post = (body: unknown) =>
  new Request('http://localhost:3000/api/prune', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
let serial = 0;
// A base of this file's own: the prune suite's `prune -a` may have taken the fixtures' base already.
const BASE = 'strata-conc/base:1';
/** A fresh image on that base (a unique marker, so it never shares an ID). */
function fresh(tag: string): string {
  serial += 1;
  const id = buildImage(tag, `FROM ${BASE}\nRUN echo ${tag}-${serial}-${Date.now()} > /marker\n`);
  made.push(id);
  return id;
}
/** A dangling image: built under a tag that a second build then takes away. */
function dangling(tag: string): string {
  const id = fresh(tag);
  fresh(tag);
  return id;
}

describe('concurrent writes', () => {
  beforeAll(() => {
    requireSandbox();
    privateBase(BASE);
  }, 60_000);

  afterAll(() => {
    for (const id of [...made, BASE]) {
      try {
        docker('image', 'rm', '-f', id);
      } catch {
        // already deleted by the test
      }
    }
  });

  it('two prunes at once (HTTP): one runs, the other gets 409 "a prune is already running", and the first reports exactly what went', async () => {
    const ids = [dangling('strata-conc/two:1'), dangling('strata-conc/two:2')];
    const body = { target: 'dangling', dryRun: false, only: ids };
    const responses = await Promise.all([pruneRoute(post(body), ctx({})), pruneRoute(post(body), ctx({}))]);
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409]);
    const [done, refused] = responses[0]!.status === 200 ? responses : [responses[1]!, responses[0]!];
    expect(await refused!.json()).toEqual({ error: { code: 'conflict', message: PRUNE_RUNNING, details: { reason: 'prune_running' } } });
    const result = (await done!.json()) as { result: { deletedImages: string[]; matchesPreview: boolean } };
    expect([...result.result.deletedImages].sort()).toEqual([...ids].sort());
    expect(result.result.matchesPreview).toBe(true);
    for (const id of ids) expect(exists(id)).toBe(false);
    // The lock is released: the next prune runs (and finds nothing left to do among these).
    const again = await pruneRoute(post(body), ctx({}));
    expect(again.status).toBe(200);
  });

  it('prune first, retag of the same image second: the prune deletes it, the retag is refused and tags nothing', async () => {
    const id = fresh('strata-conc/pr:1');
    const [pruned, retagged] = await Promise.allSettled([
      prune({ target: 'unused', dryRun: false, only: [id] }),
      retag('strata-conc/pr:1', 'strata-conc/pr:copy', false, false),
    ]);
    expect(pruned.status).toBe('fulfilled');
    expect(pruned.status === 'fulfilled' && pruned.value.result?.deletedImages).toEqual([id]);
    expect(retagged.status).toBe('rejected');
    const reason = (retagged as PromiseRejectedResult).reason as StrataError;
    expect([reason.code, reason.status, reason.message]).toEqual(['conflict', 409, BLOCKED_BY_PRUNE]);
    expect(exists(id)).toBe(false);
    expect(exists('strata-conc/pr:copy')).toBe(false);
  });

  it('retag first, prune of the same image second: the retag completes, the prune is refused and deletes nothing', async () => {
    const id = fresh('strata-conc/rp:1');
    const [retagged, pruned] = await Promise.allSettled([
      retag('strata-conc/rp:1', 'strata-conc/rp:copy', false, false),
      prune({ target: 'unused', dryRun: false, only: [id] }),
    ]);
    expect(retagged.status).toBe('fulfilled');
    expect(retagged.status === 'fulfilled' && retagged.value.items).toEqual([
      expect.objectContaining({ from: 'strata-conc/rp:1', to: 'strata-conc/rp:copy', outcome: 'ok' }),
    ]);
    expect(pruned.status).toBe('rejected');
    const reason = (pruned as PromiseRejectedResult).reason as StrataError;
    expect([reason.code, reason.status, reason.message]).toEqual(['conflict', 409, WRITES_RUNNING]);
    expect(docker('image', 'inspect', '--format', '{{.Id}}', 'strata-conc/rp:copy')).toBe(id);
    expect(exists('strata-conc/rp:1')).toBe(true);
  });

  it('a preview is never blocked: dry runs read only', async () => {
    const id = fresh('strata-conc/dry:1');
    const [real, preview] = await Promise.all([
      prune({ target: 'unused', dryRun: false, only: [id] }),
      prune({ target: 'unused', dryRun: true, only: [id] }),
    ]);
    expect(real.result?.deletedImages).toEqual([id]);
    expect(preview.dryRun).toBe(true);
  });

  it('delete and history of the same image at once: delete succeeds; history is a full answer or a clean 404, never a 5xx', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round++) {
      const tag = `strata-conc/dh:${round}`;
      const id = fresh(tag);
      const del = () => deleteRoute(new Request(`http://localhost:3000/api/images/x`, { method: 'DELETE' }), ctx({ ref: tag }));
      const history = () => historyRoute(new Request('http://localhost:3000/api/images/x/history'), ctx({ ref: tag }));
      // Alternate which starts first, so both interleavings are exercised.
      const [deleted, read] =
        round % 2 === 0 ? await Promise.all([del(), history()]) : await Promise.all([history(), del()]).then(([h, d]) => [d, h] as const);
      expect(deleted.status).toBe(200);
      expect((await deleted.json()).untagged).toEqual([tag]);
      const body = (await read.json()) as { steps?: unknown[]; error?: { code: string; message: string } };
      if (read.status === 200) {
        expect(body.steps?.length).toBeGreaterThan(0);
      } else {
        expect(read.status).toBe(404);
        expect(body.error?.code).toBe('not_found');
        expect(body.error?.message).toMatch(/No image named/);
      }
      outcomes.push(String(read.status));
      expect(exists(id)).toBe(false);
    }
    console.log(`[concurrency] delete + history, 6 rounds: history answered ${outcomes.join(', ')}`);
  });
});
