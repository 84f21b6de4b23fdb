// Why a build missed the cache. The classic builder only says "Using cache" or not; the reason comes
// from comparing with the previous build of the same image (same first tag): its instructions, the
// hashes of the context files it had, and its build arguments. The first step that missed is the
// cache break; every later step is rebuilt because of it (a layer's cache key includes its parent).
import type { BuildStep, BuildSummary } from '@/lib/api/build';

export interface BuildRecord {
  steps: { instruction: string }[];
  /** Context path → sha256 of its content (mode included), for files sent to the engine. */
  files: Record<string, string>;
  buildArgs: Record<string, string>;
  /** BuildKit: each stage's base as it resolved (`FROM docker.io/library/alpine:3@sha256:…`), by stage. */
  bases?: Record<string, string>;
}

export function cacheBreak(
  steps: BuildStep[],
  current: BuildRecord,
  previous: BuildRecord | null,
  noCache: boolean,
): BuildSummary['cacheBreak'] {
  const first = steps.find((step) => step.status === 'built' || step.status === 'failed');
  if (!first) return null;
  const rebuilt = steps
    .filter((step) => step.number > first.number && (step.status === 'built' || step.status === 'failed'))
    .map((step) => step.number);
  return { step: first.number, instruction: first.instruction, reason: firstMissReason(first, current, previous, noCache), rebuilt };
}

export function firstMissReason(step: BuildStep, current: BuildRecord, previous: BuildRecord | null, noCache: boolean): string {
  if (noCache) return 'No cache was asked for, so every step was built afresh.';
  if (!previous)
    return 'Nothing in the build cache matched this step. Strata has no earlier build of this image to compare with: a first build, or its cache was pruned.';
  const before = previous.steps[step.number - 1]?.instruction;
  if (before === undefined) return 'This step is new: the previous build had fewer steps.';
  // The record's text: BuildKit's names have build arguments expanded, the record keeps them as written.
  const instruction = current.steps[step.number - 1]?.instruction ?? step.instruction;
  if (before !== instruction) return `The instruction changed: it was “${before}”.`;
  const moved = movedBase(step, current, previous);
  if (moved) return moved;
  const keyword = instruction.split(/\s/, 1)[0]?.toUpperCase() ?? '';
  const copies = keyword === 'COPY' || keyword === 'ADD';
  if (copies) {
    const changed = changedFiles(current.files, previous.files).filter((file) => copiedBy(instruction, file));
    if (changed.length > 0) return `A copied file changed: ${listFiles(changed)}.`;
  }
  const args = changedArgs(current.buildArgs, previous.buildArgs);
  if (args.length > 0) return `A build argument changed (${args.join(', ')}); steps after its ARG that use it are rebuilt.`;
  if (copies) return 'A copied file changed (its content or permissions), so the copy is not the same layer any more.';
  return 'The instruction is the same as last time, but the engine had no cached layer for it: the build cache was pruned or its parent layer differs.';
}

/** The stage's base (or any base, for a step outside a known stage) resolved to another digest than last time. */
function movedBase(step: BuildStep, current: BuildRecord, previous: BuildRecord): string | null {
  const stages = step.stage !== null && current.bases?.[step.stage] !== undefined ? [step.stage] : Object.keys(current.bases ?? {});
  for (const stage of stages) {
    const now = current.bases?.[stage];
    const then = previous.bases?.[stage];
    if (now && then && now !== then)
      return `The base image moved: ${baseName(now)} is now ${baseDigest(now)}; the last build used ${baseDigest(then)}.`;
  }
  return null;
}
const baseName = (from: string) => from.replace(/^FROM\s+/i, '').replace(/@sha256:[0-9a-f]+.*$/, '');
const baseDigest = (from: string) => /@(sha256:[0-9a-f]{12})/.exec(from)?.[1] ?? 'another image';

export function changedFiles(now: Record<string, string>, before: Record<string, string>): string[] {
  const changed = new Set<string>();
  for (const [file, hash] of Object.entries(now)) if (before[file] !== hash) changed.add(file);
  for (const file of Object.keys(before)) if (!(file in now)) changed.add(file);
  return [...changed].sort();
}

function changedArgs(now: Record<string, string>, before: Record<string, string>): string[] {
  const names = new Set([...Object.keys(now), ...Object.keys(before)]);
  return [...names].filter((name) => now[name] !== before[name]).sort();
}

/** The source paths of a COPY/ADD (shell or JSON form), without flags and the destination. */
export function copySources(instruction: string): string[] {
  const rest = instruction.replace(/^\s*\S+\s+/, '');
  let words: string[];
  if (rest.trim().startsWith('[')) {
    try {
      words = (JSON.parse(rest) as unknown[]).map(String);
    } catch {
      words = rest.split(/\s+/);
    }
  } else {
    words = rest
      .trim()
      .split(/\s+/)
      .filter((word) => !word.startsWith('--'));
  }
  // A stage copy (`--from=`) reads nothing from the context.
  if (/\s--from=/.test(instruction)) return [];
  return words.slice(0, -1);
}

function copiedBy(instruction: string, file: string): boolean {
  return copySources(instruction).some((source) => {
    const clean = source.replace(/^\.\//, '').replace(/\/+$/, '');
    if (clean === '' || clean === '.') return true;
    if (/[*?[]/.test(clean)) return globToRegExp(clean).test(file) || globToRegExp(`${clean}/**`).test(file);
    return file === clean || file.startsWith(`${clean}/`);
  });
}

function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] ?? '';
    if (char === '*' && glob[i + 1] === '*') {
      pattern += '.*';
      i++;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else pattern += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

function listFiles(files: string[]): string {
  const shown = files.slice(0, 5).join(', ');
  return files.length > 5 ? `${shown} and ${files.length - 5} more` : shown;
}
