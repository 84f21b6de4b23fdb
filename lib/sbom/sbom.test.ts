import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { ImagePackage, ImagePackages } from '@/lib/api/packages';
import { sbomFile } from '@/lib/sbom/sbom';
import type { SbomSubject } from '@/lib/sbom/subject';
import { spdx23Schema } from '@/tests/support/spdx-schema';

const pkg = (name: string, version: string, extra: Partial<ImagePackage> = {}): ImagePackage => ({
  name,
  version,
  arch: 'amd64',
  type: 'deb',
  source: null,
  layer: 2,
  diffId: 'sha256:' + 'b'.repeat(64),
  size: 2048,
  change: 'added',
  previousVersion: null,
  purl: `pkg:deb/debian/${name}@${version}?arch=${extra.arch ?? 'amd64'}&distro=debian-12`,
  ...extra,
});

const packages: ImagePackages = {
  imageId: 'sha256:' + 'a'.repeat(64),
  os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', layer: 1, diffId: 'sha256:' + 'c'.repeat(64) },
  packages: [
    pkg('libc6', '2.36-9+deb12u8', { source: 'glibc' }),
    pkg('libc6', '2.36-9+deb12u8', { arch: 'i386', source: 'glibc' }),
    pkg('vim-tiny', '2:9.0.1378-2', { layer: 3, size: null, change: 'upgraded', previousVersion: '2:9.0.1378-1' }),
  ],
  changes: [],
  layers: [],
  unread: [],
};

const debian: SbomSubject = {
  name: 'localhost:5000/team/app:1.0',
  tag: 'localhost:5000/team/app:1.0',
  imageId: packages.imageId,
  repoDigest: `localhost:5000/team/app@sha256:${'d'.repeat(64)}`,
  platform: { os: 'linux', architecture: 'amd64', variant: null },
  packages,
};
const untagged: SbomSubject = {
  name: 'aaaaaaaaaaaa',
  tag: null,
  imageId: packages.imageId,
  repoDigest: null,
  platform: null,
  packages: { ...packages, os: null, packages: [] },
};

const now = new Date('2026-12-02T18:58:07.123Z');

describe('SBOM export', () => {
  it('writes SPDX 2.3 the schema accepts: the image, its OS and each package with its purl and layer', () => {
    const file = sbomFile('spdx', debian, now);
    expect(file.filename).toBe('localhost_5000_team_app_1.0.spdx.json');
    expect(file.contentType).toBe('application/spdx+json');
    const document = JSON.parse(file.body);
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(spdx23Schema);
    expect(validate(document), ajv.errorsText(validate.errors)).toBe(true);
    // The check bites: a package without its download location, or a date with a fraction, is refused.
    expect(validate({ ...document, packages: [{ SPDXID: 'SPDXRef-x', name: 'x' }] })).toBe(false);
    expect(validate({ ...document, creationInfo: { ...document.creationInfo, created: now.toISOString() } })).toBe(false);

    expect(document.creationInfo.created).toBe('2026-12-02T18:58:07Z');
    const [image, os, ...rest] = document.packages;
    expect(image).toMatchObject({ name: 'localhost:5000/team/app:1.0', primaryPackagePurpose: 'CONTAINER' });
    expect(image.externalRefs[0].referenceLocator).toBe(
      `pkg:oci/app@sha256:${'d'.repeat(64)}?arch=amd64&repository_url=localhost%3A5000%2Fteam%2Fapp&tag=1.0`,
    );
    expect(os).toMatchObject({ name: 'debian', versionInfo: '12', primaryPackagePurpose: 'OPERATING_SYSTEM' });
    expect(rest.map((entry: { name: string; versionInfo: string }) => `${entry.name} ${entry.versionInfo}`)).toEqual([
      'libc6 2.36-9+deb12u8',
      'libc6 2.36-9+deb12u8',
      'vim-tiny 2:9.0.1378-2',
    ]);
    expect(rest[2].comment).toBe(`Installed by layer 3 (sha256:${'b'.repeat(64)}).`);
    expect(rest[0].sourceInfo).toBe('built from source package glibc');

    // Every ID is unique, and every relationship names elements the document has.
    const ids = new Set(document.packages.map((entry: { SPDXID: string }) => entry.SPDXID));
    expect(ids.size).toBe(document.packages.length);
    for (const relation of document.relationships) {
      expect(relation.spdxElementId === 'SPDXRef-DOCUMENT' || ids.has(relation.spdxElementId)).toBe(true);
      expect(ids.has(relation.relatedSpdxElement)).toBe(true);
    }
    expect(
      document.relationships.filter((relation: { relationshipType: string }) => relation.relationshipType === 'CONTAINS'),
    ).toHaveLength(4);
  });

  it('gives each SPDX document its own namespace', () => {
    const first = JSON.parse(sbomFile('spdx', debian, now).body).documentNamespace;
    expect(JSON.parse(sbomFile('spdx', debian, now).body).documentNamespace).not.toBe(first);
  });

  it('writes CycloneDX 1.6 that the library’s strict validator accepts, with layers as properties', async () => {
    const file = sbomFile('cyclonedx', debian, now);
    expect(file.filename).toBe('localhost_5000_team_app_1.0.cdx.json');
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(file.body)).toBeNull();
    const bom = JSON.parse(file.body);
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(bom.metadata.component).toMatchObject({ type: 'container', name: 'localhost:5000/team/app:1.0' });
    expect(bom.metadata.tools.components[0]).toMatchObject({ name: 'strata' });
    const libraries = bom.components.filter((component: { type: string }) => component.type === 'library');
    expect(libraries.map((component: { purl: string }) => component.purl).sort()).toEqual(
      packages.packages.map((entry) => entry.purl).sort(),
    );
    const vim = libraries.find((component: { name: string }) => component.name === 'vim-tiny');
    expect(vim.properties).toEqual(
      expect.arrayContaining([
        { name: 'strata:layer:position', value: '3' },
        { name: 'strata:layer:diffId', value: `sha256:${'b'.repeat(64)}` },
      ]),
    );
    expect(vim.properties.some((property: { name: string }) => property.name === 'strata:package:installedSize')).toBe(false);
    expect(bom.components.find((component: { type: string }) => component.type === 'operating-system')).toMatchObject({
      name: 'debian',
      version: '12',
    });
  });

  it('exports an untagged image with no OS and no packages, in both formats', async () => {
    const spdx = JSON.parse(sbomFile('spdx', untagged, now).body);
    expect(spdx.packages).toHaveLength(1);
    expect(spdx.packages[0].externalRefs[0].referenceLocator).toBe(`pkg:oci/image@sha256:${'a'.repeat(64)}`);
    const cyclonedx = sbomFile('cyclonedx', untagged, now);
    expect(cyclonedx.filename).toBe('aaaaaaaaaaaa.cdx.json');
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(cyclonedx.body)).toBeNull();
    expect(JSON.parse(cyclonedx.body).components ?? []).toEqual([]);
  });
});
