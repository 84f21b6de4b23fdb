import { describe, expect, it } from 'vitest';
import { file, ruleHits as hits } from '@/lib/dockerfile/testing';


describe('pipefail (hadolint DL4006, downloads only)', () => {
  it('flags a download piped into another command without pipefail', () => {
    expect(hits(file('FROM debian:12', 'RUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -'), 'pipefail')).toEqual([
      expect.objectContaining({ line: 2, severity: 'warning', message: 'If curl fails, bash still succeeds on empty input and the build goes on as if this step worked.' }),
    ]);
    expect(hits(file('FROM alpine:3.20', 'RUN wget -qO- https://x/y.tgz | tar xz -C /opt'), 'pipefail')).toHaveLength(1);
  });

  it('does not flag with a pipefail SHELL (here or in the base stage), set -o pipefail, or pipes without a download', () => {
    expect(hits(file('FROM debian:12 AS base', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'FROM base', 'RUN curl -fsSL https://x | bash'), 'pipefail')).toEqual([]);
    expect(hits(file('FROM debian:12', 'RUN set -eux -o pipefail; curl -fsSL https://x | tar xz'), 'pipefail')).toEqual([]);
    expect(hits(file('FROM debian:12', 'RUN ls /usr/lib | wc -l', 'RUN curl -fsSLo /x https://x'), 'pipefail')).toEqual([]);
  });
});
