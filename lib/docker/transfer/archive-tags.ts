// The names an image archive gives its images, checked while the archive streams to the engine. The
// engine creates an image first and parses its tags after (moby's tarexport: `is.Create`, then
// `ParseNormalizedNamed` per RepoTag), so an archive with a bad tag left an untagged image behind while
// the load answered 400. Here the naming files (`manifest.json`, `repositories`, OCI `index.json`) are
// read as they pass, and the chunk that completes a bad one is never sent: the engine sees a cut-off
// archive and keeps nothing.
//
// A small synchronous tar walker rather than a tar library: it must know, at the moment a chunk is
// handed on, whether that chunk completes a naming file — a library's asynchronous entry events come
// too late — and it only reads headers (sizes, names, pax `path`, GNU long names), never file bodies.
import 'server-only';
import { Transform } from 'node:stream';
import { StrataError } from '@/lib/api/errors';
import { parseReference } from '@/lib/reference';

const BLOCK = 512;
const NAMING_FILES = new Set(['manifest.json', 'repositories', 'index.json']);
/** Naming files larger than this are left to the engine to judge. */
const MAX_NAMING_BYTES = 4 * 1024 * 1024;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Why the naming file refuses, or null. Unreadable JSON is left to the engine, whose message says more. */
export function namingProblem(name: string, text: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const bad = (value: string, why: string) => `The archive names an image “${value}”, which ${why}; nothing was loaded.`;
  const checkTagged = (value: unknown): string | null => {
    if (typeof value !== 'string') return bad(String(value), 'is not a name');
    const parsed = parseReference(value);
    if (!parsed.ok) return bad(value, `is not a valid image reference (${parsed.message})`);
    if (parsed.ref.digest || !/:[^/:]+$/.test(value)) return bad(value, 'is not name:tag');
    return null;
  };
  if (name === 'manifest.json' && Array.isArray(json)) {
    for (const entry of json as { RepoTags?: unknown }[]) {
      for (const tag of Array.isArray(entry?.RepoTags) ? entry.RepoTags : []) {
        const problem = checkTagged(tag);
        if (problem) return problem;
      }
    }
  }
  if (name === 'repositories' && json && typeof json === 'object') {
    for (const [repository, tags] of Object.entries(json as Record<string, unknown>)) {
      for (const tag of Object.keys(tags && typeof tags === 'object' ? tags : {})) {
        const problem = checkTagged(`${repository}:${tag}`);
        if (problem) return problem;
      }
    }
  }
  if (name === 'index.json' && json && typeof json === 'object') {
    for (const manifest of ((json as { manifests?: unknown }).manifests as { annotations?: Record<string, unknown> }[] | undefined) ?? []) {
      const full = manifest?.annotations?.['io.containerd.image.name'];
      if (full !== undefined) {
        const problem = checkTagged(full);
        if (problem) return problem;
      }
      const ref = manifest?.annotations?.['org.opencontainers.image.ref.name'];
      if (typeof ref === 'string' && !TAG.test(ref) && !parseReference(ref).ok) {
        return bad(ref, 'is neither a tag nor a valid image reference');
      }
    }
  }
  return null;
}

/** A tar header's checksum: the bytes summed with the checksum field itself read as spaces. */
function checksumMatches(block: Buffer): boolean {
  const stored = parseInt(
    block
      .subarray(148, 156)
      .toString('latin1')
      .replace(/[\0 ]+/g, ' ')
      .trim(),
    8,
  );
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return stored === sum;
}

type State =
  | { kind: 'header' }
  | { kind: 'skip'; left: number }
  | { kind: 'collect'; left: number; padding: number; purpose: 'pax' | 'longname' | 'naming'; name: string; chunks: Buffer[] };

/** A pass-through stream that refuses the archive, before its last naming byte is sent, when a name is bad. */
export function archiveTagGate(): Transform & { problem: StrataError | null } {
  let state: State = { kind: 'header' };
  let header = Buffer.alloc(0);
  let nextName: string | null = null;
  // Once the stream stops looking like a tar (compressed, or junk), the engine is the judge.
  let walking = true;

  const entryName = (block: Buffer): string => {
    const field = (start: number, length: number) =>
      block
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const name = field(0, 100);
    const prefix = block.subarray(257, 262).toString('latin1') === 'ustar' ? field(345, 155) : '';
    return prefix ? `${prefix}/${name}` : name;
  };
  const sizeOf = (block: Buffer): number | null => {
    const raw = block.subarray(124, 136);
    if ((raw[0] ?? 0) & 0x80) return null; // base-256: a file of 8 GiB or more, never a naming file
    const text = raw
      .toString('latin1')
      .replace(/[\0 ]+$/g, '')
      .trim();
    return /^[0-7]*$/.test(text) ? parseInt(text || '0', 8) : null;
  };
  const padded = (size: number) => Math.ceil(size / BLOCK) * BLOCK;
  const normalise = (name: string) => name.replace(/^(\.\/)+/, '').replace(/\/+$/, '');

  /** Walks `data`; returns a problem once a naming file in it is complete and bad. */
  const walk = (data: Buffer): StrataError | null => {
    let offset = 0;
    while (offset < data.length && walking) {
      if (state.kind === 'header') {
        const take = Math.min(BLOCK - header.length, data.length - offset);
        header = Buffer.concat([header, data.subarray(offset, offset + take)]);
        offset += take;
        if (header.length < BLOCK) break;
        const block = header;
        header = Buffer.alloc(0);
        if (block.every((byte) => byte === 0)) continue; // end-of-archive blocks
        const size = sizeOf(block);
        if (size === null || !checksumMatches(block)) {
          walking = false;
          break;
        }
        const type = String.fromCharCode(block[156] ?? 0x30);
        const name = normalise(nextName ?? entryName(block));
        if (type === 'x' || type === 'L') {
          state = {
            kind: 'collect',
            left: size ?? 0,
            padding: padded(size ?? 0) - (size ?? 0),
            purpose: type === 'x' ? 'pax' : 'longname',
            name,
            chunks: [],
          };
          continue;
        }
        nextName = null;
        const naming = (type === '0' || type === '\0') && NAMING_FILES.has(name) && (size ?? 0) <= MAX_NAMING_BYTES;
        state = naming
          ? { kind: 'collect', left: size ?? 0, padding: padded(size ?? 0) - (size ?? 0), purpose: 'naming', name, chunks: [] }
          : { kind: 'skip', left: padded(size ?? 0) };
        if (state.kind === 'skip' && state.left === 0) state = { kind: 'header' };
      } else if (state.kind === 'skip') {
        const take = Math.min(state.left, data.length - offset);
        state.left -= take;
        offset += take;
        if (state.left === 0) state = { kind: 'header' };
      } else {
        const take = Math.min(state.left + state.padding, data.length - offset);
        const body = Math.min(take, state.left);
        state.chunks.push(data.subarray(offset, offset + body));
        state.left -= body;
        state.padding -= take - body;
        offset += take;
        if (state.left > 0 || state.padding > 0) continue;
        const text = Buffer.concat(state.chunks).toString('utf8');
        const { purpose, name } = state;
        state = { kind: 'header' };
        // The last `path` record wins, as in Go's archive/tar (the engine's reader).
        if (purpose === 'pax') nextName = [...text.matchAll(/(?:^|\n)\d+ path=([^\n]*)(?=\n)/g)].at(-1)?.[1] ?? nextName;
        else if (purpose === 'longname') nextName = text.replace(/\0.*$/s, '');
        else {
          const problem = namingProblem(name, text);
          if (problem) return new StrataError('invalid_input', problem);
        }
      }
    }
    return null;
  };

  const gate = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const problem = walking ? walk(chunk) : null;
      if (problem) {
        gate.problem = problem;
        done(problem);
      } else done(null, chunk);
    },
  }) as Transform & { problem: StrataError | null };
  gate.problem = null;
  return gate;
}
