// One SBOM file for an image, in the format asked for: its bytes, the name to save it under and its
// registered media type.
import type { SbomFormat } from '@/lib/api/packages';
import { cycloneDxJson } from '@/lib/sbom/cyclonedx';
import { spdxDocument } from '@/lib/sbom/spdx';
import { fileStem, type SbomSubject } from '@/lib/sbom/subject';

export interface SbomFile {
  body: string;
  filename: string;
  contentType: string;
}

export function sbomFile(format: SbomFormat, subject: SbomSubject, now = new Date()): SbomFile {
  const stem = fileStem(subject);
  if (format === 'cyclonedx') {
    return { body: cycloneDxJson(subject, now), filename: `${stem}.cdx.json`, contentType: 'application/vnd.cyclonedx+json; version=1.6' };
  }
  return {
    body: `${JSON.stringify(spdxDocument(subject, now), null, 2)}\n`,
    filename: `${stem}.spdx.json`,
    contentType: 'application/spdx+json',
  };
}
