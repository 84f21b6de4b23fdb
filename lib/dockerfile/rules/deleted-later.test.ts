import { describe, expect, it } from 'vitest';
import { file, ruleHits } from '@/lib/dockerfile/testing';

const hits = (text: string) => ruleHits(text, 'deleted-later');

describe('deleted-later', () => {
  it('flags removing a download in a later RUN, naming the layer that keeps it', () => {
    const text = file(
      'FROM debian:12-slim',
      'RUN curl -fsSLo /tmp/app.tgz https://example.com/app.tgz',
      'RUN tar -xzf /tmp/app.tgz -C /opt',
      'RUN rm /tmp/app.tgz',
    );
    expect(hits(text)).toEqual([
      expect.objectContaining({
        line: 4,
        severity: 'warning',
        message: 'Removing /tmp/app.tgz here frees nothing: /tmp/app.tgz stays in the layer line 2 wrote, and every layer ships.',
        fix: 'Delete it in the same RUN that creates it (line 2).',
      }),
    ]);
  });

  it('follows WORKDIR, cd and globs, and knows what COPY wrote', () => {
    expect(
      hits(file('FROM alpine:3.20', 'WORKDIR /build', 'COPY big.tar.gz ./', 'RUN tar -xzf big.tar.gz && rm -f /build/big.tar.gz')),
    ).toEqual([expect.objectContaining({ line: 4, severity: 'warning', fix: expect.stringContaining('RUN --mount=type=bind') })]);
    expect(hits(file('FROM alpine:3.20', 'RUN cd /tmp && wget https://example.com/tool.zip', 'RUN rm -rf /tmp/*'))).toHaveLength(1);
    expect(
      hits(file('FROM alpine:3.20', 'RUN git clone https://github.com/a/b.git /src/b', 'RUN make -C /src/b && rm -rf /src')),
    ).toHaveLength(1);
    expect(hits(file('FROM alpine:3.20', 'RUN echo data > /tmp/cache.bin', 'RUN rm /tmp/cache.bin', 'RUN rm /tmp/cache.bin'))).toHaveLength(
      1,
    );
  });

  it('says it as info when what is left behind is a small copied or generated file', () => {
    expect(
      hits(file('FROM python:3.12', 'COPY requirements.txt /tmp/', 'RUN pip install -r /tmp/requirements.txt && rm /tmp/requirements.txt')),
    ).toEqual([expect.objectContaining({ line: 3, severity: 'info' })]);
  });

  it('does not flag a download removed in the RUN that made it, nor paths nothing wrote before', () => {
    expect(
      hits(
        file(
          'FROM debian:12',
          'RUN curl -fsSLo /tmp/a.tgz https://x/a.tgz && tar -xzf /tmp/a.tgz -C /opt && rm /tmp/a.tgz',
          'RUN rm -rf /usr/share/doc',
        ),
      ),
    ).toEqual([]);
    expect(hits(file('FROM debian:12', 'COPY . /app', 'RUN rm -rf /app/tests-only-by-accident'))).toEqual([]);
  });

  it('does not flag a later RUN that fetches its own package lists and then removes them', () => {
    const text = file(
      'FROM debian:12',
      'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*',
    );
    expect(hits(text)).toEqual([]);
  });

  it('ignores stages whose layers do not ship', () => {
    expect(
      hits(
        file(
          'FROM alpine:3.20 AS fetch',
          'RUN wget -O /x.bin https://x/x.bin',
          'RUN rm /x.bin',
          'FROM alpine:3.20',
          'COPY --from=fetch /etc/os-release /',
        ),
      ),
    ).toEqual([]);
  });
});
