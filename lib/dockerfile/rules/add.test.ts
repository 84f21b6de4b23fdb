import { describe, expect, it } from 'vitest';
import { file, ruleHits as hits } from '@/lib/dockerfile/testing';

describe('add-instead-of-copy', () => {
  it('flags ADD of local files and folders, offering the same line as COPY', () => {
    expect(hits(file('FROM node:22', 'ADD --chown=node:node package.json src/ /app/'), 'add-instead-of-copy')).toEqual([
      expect.objectContaining({ line: 2, severity: 'warning', fix: 'Use COPY --chown=node:node package.json src/ /app/.' }),
    ]);
  });

  it('does not flag ADD of an archive, a URL, a git repository, a variable or with --checksum', () => {
    const text = file(
      'FROM alpine:3.20',
      'ADD rootfs.tar.xz /',
      'ADD https://example.com/tool /usr/local/bin/tool',
      'ADD https://github.com/moby/buildkit.git#v0.14 /src',
      'ADD ${ARCHIVE} /opt',
      'ADD --checksum=sha256:abc file.txt /x',
    );
    expect(hits(text, 'add-instead-of-copy')).toEqual([]);
  });
});

describe('add-url', () => {
  it('does not flag a bare .gz, .bz2 or .xz: Docker unpacks by content, so it may be a tarball (issue 22)', () => {
    for (const name of ['app.gz', 'data.bz2', 'rootfs.xz']) {
      expect(hits(file('FROM alpine:3.20', `ADD ${name} /opt/`), 'add-instead-of-copy'), name).toEqual([]);
    }
  });

  it('mentions, as info, that a URL could be fetched in a RUN', () => {
    expect(hits(file('FROM alpine:3.20', 'ADD https://example.com/app.tar.gz /tmp/'), 'add-url')).toEqual([
      expect.objectContaining({ line: 2, severity: 'info' }),
    ]);
  });

  it('does not mention it for a verified download or a git source', () => {
    expect(
      hits(
        file(
          'FROM alpine:3.20',
          'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/app.tgz /tmp/',
          'ADD git@github.com:a/b.git /src',
        ),
        'add-url',
      ),
    ).toEqual([]);
  });
});
