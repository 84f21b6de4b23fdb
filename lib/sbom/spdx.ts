// SPDX 2.3 JSON (spdx.github.io/spdx-spec/v2.3): the image as the described package, its OS and every
// installed package inside it, each with its purl and the layer that put it there. Only fields the 2.3
// schema knows (it allows no others); NOASSERTION where Strata has not looked (licenses, download
// locations), as the spec asks, never a guess.
import { randomUUID } from 'node:crypto';
import type { ImagePackage } from '@/lib/api/packages';
import { imagePurl, layerNote, TOOL, type SbomSubject } from '@/lib/sbom/subject';

const NOASSERTION = 'NOASSERTION';

interface SpdxExternalRef {
  referenceCategory: 'PACKAGE-MANAGER' | 'PERSISTENT-ID' | 'SECURITY' | 'OTHER';
  referenceType: string;
  referenceLocator: string;
}

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  description?: string;
  comment?: string;
  downloadLocation: string;
  filesAnalyzed: false;
  licenseConcluded: string;
  licenseDeclared: string;
  copyrightText: string;
  supplier?: string;
  sourceInfo?: string;
  primaryPackagePurpose?: 'CONTAINER' | 'OPERATING_SYSTEM';
  externalRefs?: SpdxExternalRef[];
}

interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'CONTAINS';
  relatedSpdxElement: string;
}

export interface SpdxDocument {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: SpdxPackage[];
  relationships: SpdxRelationship[];
}

/** SPDX IDs are `SPDXRef-` and letters, digits, `.` and `-`; the index keeps two arches of one name apart. */
const spdxId = (kind: string, name: string, index: number) => `SPDXRef-${kind}-${name.replace(/[^A-Za-z0-9.-]+/g, '-')}-${index}`;

/** The spec's date form, `2026-12-02T18:58:00Z`: UTC, no fraction. */
const spdxDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

const purlRef = (purl: string): SpdxExternalRef => ({
  referenceCategory: 'PACKAGE-MANAGER',
  referenceType: 'purl',
  referenceLocator: purl,
});

const unasserted = {
  downloadLocation: NOASSERTION,
  filesAnalyzed: false,
  licenseConcluded: NOASSERTION,
  licenseDeclared: NOASSERTION,
  copyrightText: NOASSERTION,
} as const;

function packageOf(pkg: ImagePackage, index: number): SpdxPackage {
  return {
    SPDXID: spdxId('Package', `${pkg.type}-${pkg.name}`, index),
    name: pkg.name,
    versionInfo: pkg.version,
    ...unasserted,
    supplier: NOASSERTION,
    ...(pkg.source && pkg.source !== pkg.name ? { sourceInfo: `built from source package ${pkg.source}` } : {}),
    comment: `Installed by ${layerNote(pkg.layer, pkg.diffId)}${pkg.size === null ? '' : `; ${pkg.size} bytes installed`}.`,
    externalRefs: [purlRef(pkg.purl)],
  };
}

export function spdxDocument(subject: SbomSubject, now = new Date()): SpdxDocument {
  const image: SpdxPackage = {
    SPDXID: 'SPDXRef-Image',
    name: subject.name,
    versionInfo: subject.imageId,
    ...unasserted,
    primaryPackagePurpose: 'CONTAINER',
    externalRefs: [purlRef(imagePurl(subject))],
  };
  const { os } = subject.packages;
  const system: SpdxPackage[] = os
    ? [
        {
          SPDXID: 'SPDXRef-OperatingSystem',
          name: os.id,
          ...(os.versionId ? { versionInfo: os.versionId } : {}),
          description: os.prettyName,
          comment: `Named by /etc/os-release as of ${layerNote(os.layer, os.diffId)}.`,
          ...unasserted,
          primaryPackagePurpose: 'OPERATING_SYSTEM',
        },
      ]
    : [];
  const packages = subject.packages.packages.map(packageOf);
  const contained = [...system, ...packages];
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: subject.name,
    // Unique per document, as the spec asks; Strata has no web site of its own to put in front of it.
    documentNamespace: `urn:uuid:${randomUUID()}`,
    creationInfo: { created: spdxDate(now), creators: [`Tool: ${TOOL.name}-${TOOL.version}`] },
    packages: [image, ...contained],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: image.SPDXID },
      ...contained.map((pkg) => ({ spdxElementId: image.SPDXID, relationshipType: 'CONTAINS' as const, relatedSpdxElement: pkg.SPDXID })),
    ],
  };
}
