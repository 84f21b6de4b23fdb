// Pure functions that turn `docker image history` into a timeline: which step made which layer, and
// what each step said, decoded from the forms the legacy builder and BuildKit write.
import 'server-only';
import type { RawHistoryItem } from '@/lib/docker/engine/raw-types';

/** One entry of `history` in an image's config JSON (from `docker save`). */
export interface ConfigHistoryEntry {
  created?: string;
  created_by?: string;
  empty_layer?: boolean;
  comment?: string;
}

const BUILDKIT_LAYER = /^(RUN|COPY|ADD|WORKDIR)\b/;
const LEGACY_LAYER_NOP = /#\(nop\)\s+(COPY|ADD|WORKDIR)\b/;

/**
 * Whether a history step made a filesystem layer, from the API alone. Legacy-builder metadata steps
 * say `#(nop)` — except COPY, ADD and WORKDIR, which commit a layer even when it is empty. BuildKit
 * writes the instruction itself. An imported root filesystem has an empty CreatedBy.
 */
export function looksLikeLayerStep(step: RawHistoryItem): boolean {
  if (step.Size > 0) return true;
  const createdBy = step.CreatedBy.trim();
  if (step.Comment === 'buildkit.dockerfile.v0') return BUILDKIT_LAYER.test(createdBy);
  if (createdBy.includes('#(nop)')) return LEGACY_LAYER_NOP.test(createdBy);
  return true;
}

const count = (flags: boolean[]) => flags.filter(Boolean).length;

/**
 * For each step, oldest first, whether it made a layer. The image config's `empty_layer` flags are the
 * truth when we have them; otherwise we guess from the API (see looksLikeLayerStep), then from sizes.
 * Null when neither guess gives exactly one step per layer: only the config can say then.
 */
export function layerFlags(
  historyNewestFirst: readonly RawHistoryItem[],
  layerCount: number,
  config?: readonly ConfigHistoryEntry[] | null,
): boolean[] | null {
  const oldest = [...historyNewestFirst].reverse();
  if (config && config.length === oldest.length) {
    const flags = config.map((entry) => entry.empty_layer !== true);
    if (count(flags) === layerCount) return flags;
  }
  const guessed = oldest.map(looksLikeLayerStep);
  if (count(guessed) === layerCount) return guessed;
  const sized = oldest.map((step) => step.Size > 0);
  if (count(sized) === layerCount) return sized;
  return null;
}

export const INSTRUCTIONS = [
  'FROM',
  'ADD',
  'COPY',
  'RUN',
  'ENV',
  'ARG',
  'LABEL',
  'WORKDIR',
  'USER',
  'EXPOSE',
  'VOLUME',
  'CMD',
  'ENTRYPOINT',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
  'MAINTAINER',
] as const;

export interface DecodedStep {
  /** FROM, RUN, COPY, … or IMPORT for a root filesystem brought in with `docker import`. */
  instruction: string;
  /** The step as one would write it in a Dockerfile, e.g. `RUN apt-get update`. */
  command: string;
}

const SHELL_PREFIX = /^\/bin\/(?:ba)?sh -c\s+/;
// Legacy builds with build args prefix the command with `|2 A=1 B=2 `.
const BUILD_ARGS_PREFIX = /^\|\d+\s+(?:\S+=\S*\s+)*/;

function withInstruction(text: string): DecodedStep {
  const word = text.split(/\s+/, 1)[0]?.toUpperCase() ?? '';
  if ((INSTRUCTIONS as readonly string[]).includes(word)) return { instruction: word, command: `${word}${text.slice(word.length)}` };
  return { instruction: 'RUN', command: `RUN ${text}` };
}

/**
 * `/bin/sh -c #(nop)  CMD ["x"]` → `CMD ["x"]`; `/bin/sh -c echo hi` → `RUN echo hi`;
 * BuildKit's `RUN /bin/sh -c echo hi # buildkit` → `RUN echo hi`; `COPY x / # buildkit` → `COPY x /`.
 */
export function decodeCreatedBy(createdBy: string, comment = ''): DecodedStep {
  let text = createdBy.trim().replace(/\s+# buildkit$/, '');
  // No command: a root filesystem brought in with `docker import` (or a `docker commit`); the comment,
  // when there is one, is what the importer wrote.
  if (text === '') return { instruction: 'IMPORT', command: comment ? `IMPORT ${comment}` : 'IMPORT (no command recorded)' };
  text = text.replace(BUILD_ARGS_PREFIX, '');
  const nop = /^\/bin\/(?:ba)?sh -c #\(nop\)\s*/;
  if (nop.test(text)) return withInstruction(text.replace(nop, ''));
  if (SHELL_PREFIX.test(text)) return { instruction: 'RUN', command: `RUN ${text.replace(SHELL_PREFIX, '')}` };
  // BuildKit: `RUN /bin/sh -c cmd` or an instruction as written.
  const buildkitRun = /^RUN\s+(?:\|\d+\s+(?:\S+=\S*\s+)*)?\/bin\/(?:ba)?sh -c\s+/;
  if (buildkitRun.test(text)) return { instruction: 'RUN', command: `RUN ${text.replace(buildkitRun, '')}` };
  return withInstruction(text);
}
