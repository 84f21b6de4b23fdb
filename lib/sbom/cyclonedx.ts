// CycloneDX 1.6 JSON through @cyclonedx/cyclonedx-library: its models, and its normaliser for spec 1.6,
// which writes only what that spec version allows. The image is the BOM's subject (a container), its OS
// and installed packages the components; which layer put each one there goes in `strata:` properties,
// since CycloneDX has no field for it.
import { randomUUID } from 'node:crypto';
import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import type { ImagePackage } from '@/lib/api/packages';
import { imagePurl, TOOL, type SbomSubject } from '@/lib/sbom/subject';

const { Component, ComponentRepository, Property, PropertyRepository } = Models;

const properties = (entries: [string, string | number | null][]) =>
  new PropertyRepository(entries.filter(([, value]) => value !== null).map(([name, value]) => new Property(name, String(value))));

function componentOf(pkg: ImagePackage, index: number): Models.Component {
  return new Component(Enums.ComponentType.Library, pkg.name, {
    // Unique within the BOM: two architectures of one package share a name (and, without arch, a purl).
    bomRef: `${pkg.purl}#${index}`,
    version: pkg.version,
    purl: pkg.purl,
    properties: properties([
      ['strata:package:type', pkg.type],
      ['strata:package:sourcePackage', pkg.source],
      ['strata:package:arch', pkg.arch],
      ['strata:package:installedSize', pkg.size],
      ['strata:layer:position', pkg.layer],
      ['strata:layer:diffId', pkg.diffId],
    ]),
  });
}

export function cycloneDxBom(subject: SbomSubject, now = new Date()): Models.Bom {
  const image = new Component(Enums.ComponentType.Container, subject.name, {
    bomRef: 'image',
    version: subject.imageId,
    purl: imagePurl(subject),
    properties: properties([
      ['strata:image:id', subject.imageId],
      ['strata:image:repoDigest', subject.repoDigest],
      ['strata:image:platform', subject.platform ? `${subject.platform.os}/${subject.platform.architecture}` : null],
    ]),
  });
  const { os, packages } = subject.packages;
  const components = new ComponentRepository(packages.map(componentOf));
  if (os) {
    components.add(
      new Component(Enums.ComponentType.OperatingSystem, os.id, {
        bomRef: 'os',
        ...(os.versionId ? { version: os.versionId } : {}),
        description: os.prettyName,
        properties: properties([
          ['strata:layer:position', os.layer],
          ['strata:layer:diffId', os.diffId],
        ]),
      }),
    );
  }
  const tool = new Component(Enums.ComponentType.Application, TOOL.name, { version: TOOL.version, publisher: TOOL.vendor });
  return new Models.Bom({
    serialNumber: `urn:uuid:${randomUUID()}`,
    metadata: new Models.Metadata({
      timestamp: now,
      component: image,
      tools: new Models.Tools({ components: new ComponentRepository([tool]) }),
    }),
    components,
  });
}

const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));

/** The BOM as CycloneDX 1.6 JSON, lists sorted so two exports of one image differ only in serial and time. */
export const cycloneDxJson = (subject: SbomSubject, now = new Date()) =>
  serializer.serialize(cycloneDxBom(subject, now), { sortLists: true, space: 2 });
