import { describe, expect, it } from 'vitest';
import { file, ruleHits as hits } from '@/lib/dockerfile/testing';

const GOOD = 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*';

describe('apt-update-separate', () => {
  it('flags an update in its own RUN ahead of the install, pointing at both', () => {
    const findings = hits(
      file('FROM debian:12', 'RUN apt-get update', 'RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
      'apt-update-separate',
    );
    expect(findings).toEqual([expect.objectContaining({ line: 2, severity: 'warning', fix: expect.stringContaining('line 3') })]);
  });

  it('does not flag update and install in one RUN, nor update with upgrade', () => {
    expect(hits(file('FROM debian:12', GOOD), 'apt-update-separate')).toEqual([]);
    expect(
      hits(file('FROM debian:12', 'RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*'), 'apt-update-separate'),
    ).toEqual([]);
  });
});

describe('apt-lists-kept', () => {
  it('flags an update + install that leaves the lists in the layer', () => {
    const findings = hits(file('FROM debian:12', 'RUN apt-get update \\', '  && apt-get install -y curl'), 'apt-lists-kept');
    expect(findings).toEqual([
      expect.objectContaining({ line: 2, endLine: 3, fix: expect.stringContaining('rm -rf /var/lib/apt/lists/*') }),
    ]);
  });

  it('does not flag removal in the same RUN, apt-get distclean, a cache mount, or a build stage that does not ship', () => {
    expect(hits(file('FROM debian:12', GOOD), 'apt-lists-kept')).toEqual([]);
    expect(hits(file('FROM debian:13', 'RUN apt-get update && apt-get install -y curl && apt-get distclean'), 'apt-lists-kept')).toEqual(
      [],
    );
    expect(
      hits(
        file('FROM debian:12', 'RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl'),
        'apt-lists-kept',
      ),
    ).toEqual([]);
    expect(
      hits(
        file(
          'FROM debian:12 AS build',
          'RUN apt-get update && apt-get install -y gcc',
          'FROM debian:12-slim',
          'COPY --from=build /out /out',
        ),
        'apt-lists-kept',
      ),
    ).toEqual([]);
  });
});

describe('apt-no-yes', () => {
  it('flags apt-get install without -y', () => {
    expect(
      hits(file('FROM ubuntu:24.04', 'RUN apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*'), 'apt-no-yes'),
    ).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('apt aborts') })]);
  });

  it('names apt when that is what runs, and accepts an apt.conf that says yes for the stage', () => {
    expect(hits(file('FROM ubuntu:24.04', 'RUN apt update && apt install curl'), 'apt-no-yes')[0]?.fix).toBe('Write apt install -y.');
    expect(
      hits(
        file('FROM ubuntu:24.04', `RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes`, 'RUN apt-get install curl'),
        'apt-no-yes',
      ),
    ).toEqual([]);
  });

  it('accepts -y in all its spellings, and yes piped in', () => {
    for (const install of [
      'apt-get install -y curl',
      'apt-get -qqy install curl',
      'apt-get install --yes curl',
      'apt-get -qq install curl',
      'apt-get -o APT::Get::Assume-Yes=true install curl',
      'yes | apt-get install curl',
    ]) {
      expect(hits(file('FROM ubuntu:24.04', `RUN ${install}`), 'apt-no-yes')).toEqual([]);
    }
  });

  it('takes a repeated quiet flag as quiet level 2, which implies -y (issue 22)', () => {
    for (const run of [
      'apt-get install -q -q python3',
      'apt-get install --quiet --quiet python3',
      'apt-get -q install -q python3',
      'apt-get install -q=2 python3',
      'apt-get install -qq python3',
    ]) {
      expect(hits(file('FROM debian:12', `RUN apt-get update && ${run} && rm -rf /var/lib/apt/lists/*`), 'apt-no-yes'), run).toEqual([]);
    }
    expect(
      hits(file('FROM debian:12', 'RUN apt-get update && apt-get install -q python3 && rm -rf /var/lib/apt/lists/*'), 'apt-no-yes'),
    ).toHaveLength(1);
  });
});
