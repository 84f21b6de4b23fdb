import { describe, expect, it } from 'vitest';
import { explainArchiveError } from '@/lib/docker/transfer/archives';

// The engines' own words, recorded from both sandbox engines.
describe('explainArchiveError', () => {
  it('says a tar without an image layout is not an image archive, on either store', () => {
    const classic = 'open /tmp/p4c/data/tmp/docker-import-4141404742/repositories: no such file or directory';
    const containerd = 'unrecognized image format';
    for (const message of [classic, containerd]) {
      expect(explainArchiveError(message, 'load')).toMatch(/^This archive is not an image archive .* Import, not Load\.$/);
    }
  });

  it('keeps only the tar error from the containerd store’s layer and mount paths', () => {
    const containerd =
      'failed to unpack image: apply layer error for "docker.io/strata-test/junk:1": failed to extract layer sha256:003164e6603fa379c3e677ac09e2b6e5b761d47bd7418e9e5642196d2d26f536: mount callback failed on /tmp/p4m/data/containerd/daemon/tmpmounts/containerd-mount4161008199: archive/tar: invalid tar header';
    expect(explainArchiveError(containerd, 'import')).toBe(
      'The file is not a valid tar archive (tar, tar.gz, tar.bz2 or tar.xz): archive/tar: invalid tar header.',
    );
    expect(explainArchiveError('archive/tar: invalid tar header', 'load')).toBe(
      'The file is not a valid tar archive: archive/tar: invalid tar header.',
    );
  });
});
