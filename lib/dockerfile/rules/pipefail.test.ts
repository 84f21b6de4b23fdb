import { describe, expect, it } from 'vitest';
import { file, ruleHits as hits } from '@/lib/dockerfile/testing';

describe('pipefail (hadolint DL4006, downloads only)', () => {
  it('flags a download piped into another command without pipefail', () => {
    expect(hits(file('FROM debian:12', 'RUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -'), 'pipefail')).toEqual([
      expect.objectContaining({
        line: 2,
        severity: 'warning',
        message: 'If curl fails, bash still succeeds on empty input and the build goes on as if this step worked.',
      }),
    ]);
    expect(hits(file('FROM alpine:3.20', 'RUN wget -qO- https://x/y.tgz | tar xz -C /opt'), 'pipefail')).toHaveLength(1);
  });

  it('does not flag with a pipefail SHELL (here or in the base stage), set -o pipefail, or pipes without a download', () => {
    expect(
      hits(
        file('FROM debian:12 AS base', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'FROM base', 'RUN curl -fsSL https://x | bash'),
        'pipefail',
      ),
    ).toEqual([]);
    expect(hits(file('FROM debian:12', 'RUN set -eux -o pipefail; curl -fsSL https://x | tar xz'), 'pipefail')).toEqual([]);
    expect(hits(file('FROM debian:12', 'RUN ls /usr/lib | wc -l', 'RUN curl -fsSLo /x https://x'), 'pipefail')).toEqual([]);
  });

  it('reads only the SHELL in effect: a later SHELL without pipefail undoes an earlier one (issue 22)', () => {
    const dockerfile = file(
      'FROM debian:12',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN a | b',
      'SHELL ["/bin/sh", "-c"]',
      'RUN wget -O - https://x | wc -l',
    );
    expect(hits(dockerfile, 'pipefail').map((hit) => hit.line)).toEqual([5]);
    // …and a stage's own SHELL wins over its base stage's.
    expect(
      hits(
        file(
          'FROM debian:12 AS base',
          'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
          'FROM base',
          'SHELL ["/bin/sh", "-c"]',
          'RUN curl -fsSL https://x | bash',
        ),
        'pipefail',
      ),
    ).toHaveLength(1);
    // Decided: any shell given -o pipefail counts (busybox ash and bash take it), as in hadolint.
    expect(
      hits(file('FROM alpine:3.20', 'SHELL ["/bin/sh", "-o", "pipefail", "-c"]', 'RUN wget -qO- https://x | tar x'), 'pipefail'),
    ).toEqual([]);
  });
});
