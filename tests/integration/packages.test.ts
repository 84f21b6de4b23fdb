// What is inside an image (issue 19): OS, packages per layer and one file, read from images whose
// layers write real dpkg and apk databases (stanzas written by RUN steps, as the package managers
// would leave them), on the sandbox engine.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImagePackages } from '@/lib/api/packages';
import { GET as packagesRoute } from '@/app/api/images/[ref]/packages/route';
import { GET as fileRoute } from '@/app/api/images/[ref]/layers/[diffId]/file/route';
import { GET as sbomRoute } from '@/app/api/images/[ref]/sbom/route';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spdx23Schema } from '../support/spdx-schema';
import { buildImage, docker, requireSandbox } from '../support/sandbox';
import { ALPINE, DEBIAN, DISTROLESS, dockerfileOf } from '../support/package-images';

const diffIdsOf = (ref: string) => JSON.parse(docker('image', 'inspect', '--format', '{{json .RootFS.Layers}}', ref)) as string[];

async function packagesOf(ref: string): Promise<ImagePackages> {
  const response = await packagesRoute(new Request('http://localhost/x'), { params: Promise.resolve({ ref }) });
  const body = (await response.json()) as ImagePackages;
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
}

async function fileAt(ref: string, diffId: string, file: string): Promise<Response> {
  const url = `http://localhost/x?path=${encodeURIComponent(file)}`;
  return fileRoute(new Request(url), { params: Promise.resolve({ ref, diffId }) });
}

const sbomOf = (ref: string, format: string) =>
  sbomRoute(new Request(`http://localhost/x?format=${format}`), { params: Promise.resolve({ ref }) });

describe('packages per layer', () => {
  beforeAll(() => {
    requireSandbox();
    process.env.STRATA_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'strata-packages-'));
    for (const image of [DEBIAN, ALPINE, DISTROLESS]) buildImage(image.ref, dockerfileOf(image));
  });
  afterAll(() => {
    for (const image of [DEBIAN, ALPINE, DISTROLESS]) docker('rmi', image.ref);
  });

  it('reads Debian’s OS through its symlink and which layer added, upgraded and removed each package', async () => {
    const result = await packagesOf(DEBIAN.ref);
    const layers = diffIdsOf(DEBIAN.ref);
    // Layer 1 is the busybox base; layer 2 writes os-release and the first status.
    expect(result.os).toEqual({ id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', layer: 2, diffId: layers[1] });
    expect(result.packages.map((pkg) => [pkg.name, pkg.version, pkg.layer, pkg.change])).toEqual([
      ['jq', '1.6-2.1', 3, 'added'],
      ['libc6', '2.36-9+deb12u7', 3, 'upgraded'],
      ['vim-tiny', '2:9.0.1378-2', 2, 'added'],
    ]);
    const libc = result.packages.find((pkg) => pkg.name === 'libc6')!;
    expect(libc).toMatchObject({ arch: 'amd64', source: 'glibc', size: 12_982 * 1024, previousVersion: '2.36-9', type: 'deb' });
    expect(result.packages.find((pkg) => pkg.name === 'vim-tiny')!.purl).toBe(
      'pkg:deb/debian/vim-tiny@2:9.0.1378-2?arch=amd64&distro=debian-12&upstream=vim',
    );
    expect(result.layers.map((layer) => [layer.position, layer.added, layer.upgraded, layer.removed, layer.sizeChange])).toEqual([
      [1, 0, 0, 0, 0],
      [2, 3, 0, 0, (12_900 + 500 + 3_000) * 1024],
      [3, 1, 1, 1, (82 + 400 - 500) * 1024],
      [4, 0, 0, 0, 0],
      [5, 0, 0, 0, 0],
    ]);
    expect(result.changes.find((change) => change.change === 'removed')).toMatchObject({ name: 'curl', layer: 3 });
  });

  it('reads Alpine’s installed database', async () => {
    const result = await packagesOf(ALPINE.ref);
    expect(result.os).toMatchObject({ id: 'alpine', versionId: '3.20.3', prettyName: 'Alpine Linux v3.20' });
    expect(result.packages.map((pkg) => [pkg.name, pkg.version, pkg.arch, pkg.size, pkg.layer])).toEqual([
      ['busybox', '1.36.1-r29', 'x86_64', 946_176, 2],
      ['musl', '1.2.5-r0', 'x86_64', 655_360, 2],
      ['zlib', '1.3.1-r1', 'x86_64', 98_304, 3],
    ]);
    expect(result.packages[2]!.purl).toBe('pkg:apk/alpine/zlib@1.3.1-r1?arch=x86_64&distro=alpine-3.20.3');
  });

  it('reads a distroless status.d one file per package, and a deleted one as removed', async () => {
    const result = await packagesOf(DISTROLESS.ref);
    expect(result.os).toBeNull();
    expect(result.packages.map((pkg) => [pkg.name, pkg.layer])).toEqual([
      ['base-files', 2],
      ['libssl3', 3],
    ]);
    expect(result.layers[2]).toMatchObject({ added: 1, removed: 1 });
  });

  it('sends a file as a middle layer holds it, and answers 404 once a later layer deletes it', async () => {
    const layers = diffIdsOf(DEBIAN.ref);
    const middle = await fileAt(DEBIAN.ref, layers[3]!, '/etc/app.conf');
    expect(middle.status).toBe(200);
    expect(await middle.text()).toBe('port=8080\n');
    expect(middle.headers.get('content-disposition')).toBe('attachment; filename="app.conf"; filename*=UTF-8\'\'app.conf');
    expect(middle.headers.get('x-content-type-options')).toBe('nosniff');
    const earlier = await fileAt(DEBIAN.ref, layers[2]!, 'etc/app.conf');
    expect(await earlier.text()).toBe('port=80\n');
    const deleted = await fileAt(DEBIAN.ref, layers[4]!, 'etc/app.conf');
    expect(deleted.status).toBe(404);
    expect(((await deleted.json()) as { error: { message: string } }).error.message).toMatch(/deleted/);
    // Through the symlink, the bytes of the file it names.
    const release = await fileAt(DEBIAN.ref, layers[4]!, 'etc/os-release');
    expect(await release.text()).toContain('ID=debian');
    const folder = await fileAt(DEBIAN.ref, layers[4]!, 'etc');
    expect(folder.status).toBe(400);
    const escape = await fileAt(DEBIAN.ref, layers[4]!, '../etc/passwd');
    expect(escape.status).toBe(400);
  });

  it('exports the image’s packages as SPDX 2.3 and CycloneDX 1.6 that validate, and refuses an unknown format', async () => {
    const purls = (await packagesOf(DEBIAN.ref)).packages.map((pkg) => pkg.purl).sort();
    const spdx = await sbomOf(DEBIAN.ref, 'spdx');
    expect(spdx.status).toBe(200);
    expect(spdx.headers.get('content-type')).toBe('application/spdx+json');
    expect(spdx.headers.get('content-disposition')).toContain(`filename="${DEBIAN.ref.replace(/[/:]/g, '_')}.spdx.json"`);
    const document = await spdx.json();
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(spdx23Schema);
    expect(validate(document), ajv.errorsText(validate.errors)).toBe(true);
    expect(document.packages[0]).toMatchObject({
      name: DEBIAN.ref,
      versionInfo: docker('image', 'inspect', '--format', '{{.Id}}', DEBIAN.ref),
    });
    const spdxPurls = document.packages
      .slice(2)
      .map((pkg: { externalRefs: { referenceLocator: string }[] }) => pkg.externalRefs[0]!.referenceLocator)
      .sort();
    expect(spdxPurls).toEqual(purls);

    const cyclonedx = await sbomOf(DEBIAN.ref, 'cyclonedx');
    expect(cyclonedx.headers.get('content-type')).toBe('application/vnd.cyclonedx+json; version=1.6');
    const text = await cyclonedx.text();
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(text)).toBeNull();
    const bom = JSON.parse(text) as { components: { type: string; purl?: string; name: string }[] };
    expect(
      bom.components
        .filter((component) => component.type === 'library')
        .map((component) => component.purl)
        .sort(),
    ).toEqual(purls);
    expect(bom.components.find((component) => component.type === 'operating-system')).toMatchObject({ name: 'debian', version: '12' });

    const wrong = await sbomOf(DEBIAN.ref, 'swid');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/spdx or cyclonedx/);
  });
});
