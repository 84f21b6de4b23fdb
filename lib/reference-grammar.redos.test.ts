// The security finding this parser fixes: @swimlane/docker-reference's regexp needs seconds for
// `'a'.repeat(16) + '-'` and twice as long per extra letter, blocking Node's event loop. These
// inputs are built to make a backtracking reference regexp retry; here each must stay cheap, both
// through parseReference (which caps the length at 512 first) and straight into the grammar.
import { describe, expect, it } from 'vitest';
import { parseReference } from '@/lib/reference';
import { parseNormalizedName } from '@/lib/reference-grammar';

const HEX = 'f'.repeat(64);

const attacks: Record<string, (n: number) => string> = {
  'letters then a dash': (n) => `${'a'.repeat(n)}-`,
  'dash-joined letters then junk': (n) => `${'a-'.repeat(n)}!`,
  'dot-joined letters, trailing dot': (n) => 'a.'.repeat(n),
  'underscores, one too many at the end': (n) => `${'a_'.repeat(n)}__`,
  'letters then a capital': (n) => `${'a'.repeat(n)}A`,
  'long first component, then a bad path': (n) => `${'a'.repeat(200)}/${'b-'.repeat(n)}!`,
  'many components, trailing slash': (n) => `x.com/${'a/'.repeat(n)}`,
  'domain-shaped: dashed labels': (n) => `${'a-'.repeat(n)}.com/app!`,
  'domain-shaped: dashed host with a port': (n) => `${'a-'.repeat(n)}:5000/app`,
  'domain-shaped: many labels': (n) => `${'a.'.repeat(n)}com:x/app`,
  'IPv6-shaped': (n) => `[${'0:'.repeat(n)}/app`,
  'tag too long': (n) => `app:${'t'.repeat(n)}@`,
  'digest-shaped algorithm': (n) => `app@${'a+'.repeat(n)}:${HEX}`,
  'digest with a bad last digit': (n) => `app@sha256:${'f'.repeat(n)}g`,
  'everything at once': (n) => `${'a-'.repeat(n)}.com:5000/${'b.'.repeat(n)}c:${'t'.repeat(n)}@sha256:${'f'.repeat(n)}`,
};

/**
 * The fastest of `samples` timings of `repeat` calls, in milliseconds per call. The minimum, not the
 * median: a busy machine (or a GC pause) only ever adds time, so the minimum is the parser's own cost
 * and does not flake under load, while a backtracking parser cannot hide in it.
 */
function fastestMs(input: string, samples = 9, repeat = 5): number {
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    for (let r = 0; r < repeat; r++) {
      try {
        parseNormalizedName(input);
      } catch {
        // refusals are what these inputs are for
      }
    }
    times.push((performance.now() - start) / repeat);
  }
  return Math.min(...times);
}

describe('reference parsing cannot be made slow', () => {
  const sizes = [10, 100, 1000, 5000];

  it.each(Object.entries(attacks))('%s: refused quickly through parseReference', (_name, attack) => {
    for (const n of sizes) {
      const start = performance.now();
      const result = parseReference(attack(n));
      expect(performance.now() - start, `n=${n}`).toBeLessThan(50);
      expect(result.ok).toBe(false);
    }
  });

  it.each(Object.entries(attacks))('%s: a few ms straight into the grammar, without the length cap', (_name, attack) => {
    for (const n of sizes) expect(fastestMs(attack(n)), `n=${n}`).toBeLessThan(5);
  });

  it.each(Object.entries(attacks))('%s: ten times the input costs at most ~ten times the time', (_name, attack) => {
    // Linear, with room for noise: a backtracking parser would be 2^4500 times slower, not 20.
    const small = fastestMs(attack(500), 15, 20);
    const large = fastestMs(attack(5000), 15, 20);
    expect(large / Math.max(small, 0.001), `500: ${small.toFixed(4)} ms, 5000: ${large.toFixed(4)} ms`).toBeLessThan(20);
  });

  it('the finding’s own example is refused at once', () => {
    const start = performance.now();
    expect(parseReference(`${'a'.repeat(24)}-`).ok).toBe(false);
    expect(parseReference('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-').ok).toBe(false);
    expect(performance.now() - start).toBeLessThan(50);
  });
});
