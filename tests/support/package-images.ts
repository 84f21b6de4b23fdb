// Test images whose layers write package databases in the real formats, with known contents: the
// packages each layer adds, upgrades and removes are what the tests expect.

export interface PackageImage {
  ref: string;
  /** One RUN per entry: each writes files (path → content) and removes paths. */
  layers: { write?: Record<string, string>; remove?: string[]; link?: Record<string, string> }[];
}

const stanza = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');
const dpkg = (...packages: Record<string, string>[]) =>
  `${packages.map((fields) => stanza({ Status: 'install ok installed', ...fields })).join('\n\n')}\n`;

const LIBC = { Package: 'libc6', Architecture: 'amd64', Source: 'glibc' };
const DEBIAN_RELEASE =
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n';

export const DEBIAN: PackageImage = {
  ref: 'strata-test/packages-debian:1',
  layers: [
    {
      write: {
        '/usr/lib/os-release': DEBIAN_RELEASE,
        '/var/lib/dpkg/status': dpkg(
          { ...LIBC, 'Installed-Size': '12900', Version: '2.36-9' },
          { Package: 'curl', Architecture: 'amd64', 'Installed-Size': '500', Version: '7.88.1-10+deb12u8' },
          { Package: 'vim-tiny', Architecture: 'amd64', Source: 'vim', 'Installed-Size': '3000', Version: '2:9.0.1378-2' },
        ),
      },
      link: { '/etc/os-release': '../usr/lib/os-release' },
    },
    {
      write: {
        '/var/lib/dpkg/status': dpkg(
          { ...LIBC, 'Installed-Size': '12982', Version: '2.36-9+deb12u7' },
          { Package: 'vim-tiny', Architecture: 'amd64', Source: 'vim', 'Installed-Size': '3000', Version: '2:9.0.1378-2' },
          { Package: 'jq', Architecture: 'amd64', 'Installed-Size': '400', Version: '1.6-2.1' },
          { Package: 'curl', Status: 'deinstall ok config-files', Architecture: 'amd64', Version: '7.88.1-10+deb12u8' },
        ),
        '/etc/app.conf': 'port=80\n',
      },
    },
    { write: { '/etc/app.conf': 'port=8080\n' } },
    { remove: ['/etc/app.conf'] },
  ],
};

const apk = (...records: Record<string, string>[]) =>
  `${records
    .map((record) =>
      Object.entries(record)
        .map(([key, value]) => `${key}:${value}`)
        .join('\n'),
    )
    .join('\n\n')}\n`;

export const ALPINE: PackageImage = {
  ref: 'strata-test/packages-alpine:1',
  layers: [
    {
      write: {
        '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n',
        '/lib/apk/db/installed': apk(
          { C: 'Q1hKJKd7Xaq1w0H8cI3XyB5kn7Uvg=', P: 'musl', V: '1.2.5-r0', A: 'x86_64', S: '411323', I: '655360', o: 'musl' },
          { C: 'Q1abc=', P: 'busybox', V: '1.36.1-r29', A: 'x86_64', I: '946176', o: 'busybox' },
        ),
      },
    },
    {
      write: {
        '/lib/apk/db/installed': apk(
          { C: 'Q1hKJKd7Xaq1w0H8cI3XyB5kn7Uvg=', P: 'musl', V: '1.2.5-r0', A: 'x86_64', S: '411323', I: '655360', o: 'musl' },
          { C: 'Q1abc=', P: 'busybox', V: '1.36.1-r29', A: 'x86_64', I: '946176', o: 'busybox' },
          { C: 'Q1zz=', P: 'zlib', V: '1.3.1-r1', A: 'x86_64', I: '98304', o: 'zlib' },
        ),
      },
    },
  ],
};

export const DISTROLESS: PackageImage = {
  ref: 'strata-test/packages-distroless:1',
  layers: [
    {
      write: {
        '/var/lib/dpkg/status.d/base-files': stanza({ Package: 'base-files', Version: '12.4+deb12u8', Architecture: 'amd64' }) + '\n',
        '/var/lib/dpkg/status.d/tzdata': stanza({ Package: 'tzdata', Version: '2024a-0+deb12u1', Architecture: 'all' }) + '\n',
        '/var/lib/dpkg/status.d/tzdata.md5sums': 'd41d8cd98f00b204e9800998ecf8427e  usr/share/zoneinfo/UTC\n',
      },
    },
    {
      remove: ['/var/lib/dpkg/status.d/tzdata', '/var/lib/dpkg/status.d/tzdata.md5sums'],
      write: {
        '/var/lib/dpkg/status.d/libssl3': stanza({ Package: 'libssl3', Version: '3.0.15-1~deb12u1', Architecture: 'amd64' }) + '\n',
      },
    },
  ],
};

const dirOf = (file: string) => file.slice(0, file.lastIndexOf('/')) || '/';

/** A Dockerfile on the fixture busybox base: one RUN per layer, each file written from base64 (no shell quoting to get wrong). */
export function dockerfileOf(image: PackageImage, base = 'strata-fixture/base:1'): string {
  const lines = [`FROM ${base}`];
  for (const layer of image.layers) {
    const steps: string[] = [];
    for (const file of layer.remove ?? []) steps.push(`rm -f ${file}`);
    for (const [file, content] of Object.entries(layer.write ?? {}))
      steps.push(`mkdir -p ${dirOf(file)} && echo ${Buffer.from(content).toString('base64')} | busybox base64 -d > ${file}`);
    for (const [file, target] of Object.entries(layer.link ?? {}))
      steps.push(`mkdir -p ${dirOf(file)} && busybox ln -sf ${target} ${file}`);
    lines.push(`RUN ${steps.join(' && ')}`);
  }
  return lines.join('\n');
}
