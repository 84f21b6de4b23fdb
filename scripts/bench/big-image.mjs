// The ~1 GB benchmark image (about 50,000 files) that the analysis benchmarks share, built once on
// the bench sandbox, plus a variant whose layers carry a Debian package database the size of a real
// one (2,000 packages, then an upgrade of 500 and a removal of 100 in a later layer).
import { execFileSync } from 'node:child_process';
import { env } from './common.mjs';

export const BIG = 'strata-bench/big:1';
export const TOP = 'strata-bench/big:2';
export const BIG_DEB = 'strata-bench/big-deb:1';

function build(tag, dockerfile) {
  execFileSync('docker', ['build', '-q', '-t', tag, '-'], {
    input: dockerfile,
    env: { ...env, DOCKER_BUILDKIT: '0' },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
}

const exists = (tag) => {
  try {
    execFileSync('docker', ['image', 'inspect', tag], { env, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** One dpkg status stanza per package, written by busybox's shell in the RUN step. */
const statusLoop = (from, to, version) =>
  `i=${from}; while [ $i -lt ${to} ]; do printf 'Package: pkg%d\\nStatus: install ok installed\\nPriority: optional\\nSection: libs\\nInstalled-Size: %d\\nMaintainer: Bench <bench@example.invalid>\\nArchitecture: amd64\\nSource: src%d\\nVersion: ${version}\\nDepends: libc6 (>= 2.34)\\nDescription: benchmark package %d\\n a package the size of a real stanza\\n\\n' $i $((i*7+100)) $((i/4)) $i; i=$((i+1)); done`;

export function seedBigImages() {
  if (!exists(TOP)) {
    execFileSync('bash', ['scripts/fixtures.sh'], { env, stdio: 'ignore' });
    console.log('seed: building a ~1 GB image with ~50,000 files (a minute or two)…');
    build(
      BIG,
      [
        'FROM strata-fixture/base:1',
        ...[1, 2, 3, 4].map((i) => `RUN dd if=/dev/zero of=/blob-${i}.bin bs=1M count=250 2>/dev/null`),
        'RUN mkdir /many && cd /many && i=0 && while [ $i -lt 50000 ]; do echo $i > f$i; i=$((i+1)); done',
        'RUN rm /blob-4.bin',
      ].join('\n'),
    );
    build(TOP, `FROM ${BIG}\nRUN echo top > /top.txt\n`);
  }
  if (!exists(BIG_DEB)) {
    console.log('seed: adding a 2,000-package dpkg database to it…');
    build(
      BIG_DEB,
      [
        `FROM ${BIG}`,
        `RUN mkdir -p /var/lib/dpkg /etc && printf 'ID=debian\\nVERSION_ID="12"\\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\\n' > /etc/os-release && (${statusLoop(0, 2000, '1.0-1')}) > /var/lib/dpkg/status`,
        // 500 upgraded, 100 removed (pkg1900…1999 are gone), the rest as they were.
        `RUN (${statusLoop(0, 500, '1.1-1')}; ${statusLoop(500, 1900, '1.0-1')}) > /var/lib/dpkg/status`,
        'RUN echo top > /top.txt',
      ].join('\n'),
    );
  }
}
