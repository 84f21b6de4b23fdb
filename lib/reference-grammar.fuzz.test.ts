// Our parser against a second port of the same grammar: @swimlane/docker-reference (a dev
// dependency kept only as this oracle) compiles distribution's regexps as they are. Its regexp is
// exponential, so inputs stay short; in exchange it accepts exactly the same language, apart from
// the places where it lags the engine, which `oracle` below applies (and names) by hand.
import { parseFamiliarName, parseQualifiedName } from '@swimlane/docker-reference';
import { describe, expect, it } from 'vitest';
import { parseNormalizedName, type ReferenceParts } from '@/lib/reference-grammar';

type Outcome = { ok: true; parts: ReferenceParts } | { ok: false; kind: string };

// Messages differ in detail (ours name the repository, like distribution's do); compare their kind.
function kind(message: string): string {
  if (/64-byte hexadecimal/.test(message)) return 'id';
  if (/must be lowercase/.test(message)) return 'lowercase';
  if (/digest/.test(message)) return 'digest';
  if (/more than 255/.test(message)) return 'length';
  if (message === 'invalid reference format') return 'format';
  return message;
}

function outcome(parse: () => { domain?: string; repository?: string; tag?: string | null; digest?: string | null }): Outcome {
  try {
    const ref = parse();
    return {
      ok: true,
      parts: { domain: ref.domain ?? '', repository: ref.repository ?? '', tag: ref.tag ?? null, digest: ref.digest ?? null },
    };
  } catch (error) {
    return { ok: false, kind: kind((error as Error).message) };
  }
}

function oracle(s: string): Outcome {
  const result = swimlane(s);
  // 2. go-digest wants lowercase hex for the algorithms it knows; swimlane takes either case.
  if (result.ok && result.parts.digest && /[A-F]/.test(result.parts.digest.split(':')[1]!)) return { ok: false, kind: 'digest' };
  return result;
}

function swimlane(s: string): Outcome {
  // 1. swimlane's splitDockerDomain lacks distribution's rule that a capitalised first component is
  //    a registry (`Foo/bar` → domain `Foo`): apply it, then hand the name to its port of Parse.
  const slash = s.indexOf('/');
  const first = s.slice(0, slash);
  if (slash !== -1 && first !== 'localhost' && !/[.:]/.test(first) && first.toLowerCase() !== first) {
    const remote = s.slice(slash + 1).split(':')[0]!;
    if (remote.toLowerCase() !== remote) return { ok: false, kind: 'lowercase' };
    return outcome(() => parseQualifiedName(s));
  }
  return outcome(() => parseFamiliarName(s));
}

function ours(s: string): Outcome {
  return outcome(() => parseNormalizedName(s));
}

// A small seeded generator, so a failure names an input that can be replayed.
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

const HEX = '444089671c213d48cf0e1ece0e543fbd1b30715634cffc8b0339f9bd8c05c22c';
const DIGESTS = [
  `sha256:${HEX}`,
  `sha256:${HEX.toUpperCase()}`,
  `sha256:${HEX.slice(0, 32)}`,
  `sha512:${HEX}${HEX}`,
  `sha384:${HEX.slice(0, 32)}${HEX}`,
  `md5:${HEX.slice(0, 32)}`,
  `Sha256:${HEX}`,
  `sha256+b64:${HEX}`,
  'sha256:abc',
  `sha256:${HEX}x`,
];
// Weighted toward the grammar's own characters; repeats make a character likelier.
const ALPHABET = 'aaaabbcz0019....____----////::@AZ';
// Mostly the separators the grammar allows, sometimes ones it refuses.
const SEPARATORS = ['.', '.', '_', '_', '__', '-', '-', '--', '---', '___', '..', '.-', '/', '//', ''];
const RUNS = ['a', 'b', 'x0', 'z9', '1', 'ab', 'A', ''];
const DOMAINS = [
  'localhost',
  'localhost:5000',
  'example.com',
  'reg:5000',
  'Reg',
  'a-b.c',
  '1.2.3.4:80',
  'index.docker.io',
  'docker.io',
  'a_b.c',
  'x.-y',
  'h:',
];
const TAGS = ['v1', 'Latest', '_x', '.x', '-x', '1.0-rc', 'a.b-c_d', ''];
// The oracle backtracks exponentially in the length of a name; this keeps each input well under a
// millisecond for it (and far from the 255 limit, which the two ports place differently).
const MAX_NAME = 14;

function randomString(rng: ReturnType<typeof random>): string {
  let s = '';
  for (let i = 1 + rng.int(MAX_NAME); i > 0; i--) s += rng.pick([...ALPHABET]);
  return s;
}

function shapedReference(rng: ReturnType<typeof random>): string {
  let name = rng.pick(RUNS) || 'a';
  while (rng.next() < 0.6 && name.length < MAX_NAME - 4) name += (rng.next() < 0.3 ? '/' : rng.pick(SEPARATORS)) + rng.pick(RUNS);
  if (rng.next() < 0.4) name = `${rng.pick(DOMAINS)}/${name}`;
  const tag = rng.next() < 0.4 ? `:${rng.pick(TAGS)}` : '';
  const digest = rng.next() < 0.3 ? `@${rng.pick(DIGESTS)}` : '';
  return name + tag + digest;
}

describe('parseNormalizedName agrees with a direct port of distribution’s regexps', () => {
  const rng = random(20240601);
  const inputs = [...Array.from({ length: 4000 }, () => randomString(rng)), ...Array.from({ length: 4000 }, () => shapedReference(rng))];

  it('on several thousand generated inputs: valid or not, and the same parts', () => {
    let valid = 0;
    for (const input of inputs) {
      const expected = oracle(input);
      expect({ input, ...ours(input) }).toEqual({ input, ...expected });
      if (expected.ok) valid++;
    }
    // The generator must exercise both sides, or agreement says little.
    expect(valid).toBeGreaterThan(inputs.length / 10);
    expect(inputs.length - valid).toBeGreaterThan(inputs.length / 10);
  });

  it('parses each of them quickly', () => {
    // Three separate passes, keeping each input's fastest: a GC pause or a busy CPU can stall any
    // one call for tens of milliseconds, but not the same input in all three passes.
    const best = inputs.map(() => Infinity);
    for (let pass = 0; pass < 3; pass++) {
      inputs.forEach((input, i) => {
        const start = performance.now();
        ours(input);
        best[i] = Math.min(best[i]!, performance.now() - start);
      });
    }
    const slowest = best.indexOf(Math.max(...best));
    // The old parser took seconds on 17 characters; these take microseconds.
    expect(best[slowest], `slowest: ${JSON.stringify(inputs[slowest])}`).toBeLessThan(5);
  });
});
