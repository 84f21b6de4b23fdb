// What an SBOM describes: one image (or one platform of it) and the packages its layers installed.
// Pure, so both writers and their tests share it without an engine.
import { PackageURL } from 'packageurl-js';
import type { ImagePackages } from '@/lib/api/packages';
import type { PlatformSpec } from '@/lib/api/platform';
import { parseReference } from '@/lib/reference';
import packageJson from '@/package.json';

export interface SbomSubject {
  /** How people name the image: its first tag (`debian:12`), else its short ID. */
  name: string;
  /** That first tag; null for an untagged image. */
  tag: string | null;
  /** The image's ID, or the chosen platform's manifest digest. */
  imageId: string;
  /** `debian@sha256:…` when the image came from or went to a registry; null for a local build. */
  repoDigest: string | null;
  platform: PlatformSpec | null;
  packages: ImagePackages;
}

export const TOOL = { vendor: 'Strata', name: 'strata', version: packageJson.version } as const;

/** `debian_12`, `sha256_0c1f…`: the document's file name, with nothing a shell or a filesystem minds. */
export const fileStem = (subject: SbomSubject) => subject.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);

/**
 * The image's own package URL (purl-spec's `oci` type): the digest as version, and where it lives. The
 * digest is the registry's (repo digest) when there is one, the image ID otherwise.
 */
export function imagePurl(subject: SbomSubject): string {
  const fromDigest = subject.repoDigest ? parseReference(subject.repoDigest) : null;
  const fromName = subject.tag ? parseReference(subject.tag) : null;
  const named = fromDigest?.ok ? fromDigest.ref : fromName?.ok ? fromName.ref : null;
  const digest = (fromDigest?.ok && fromDigest.ref.digest) || subject.imageId;
  const qualifiers: Record<string, string> = {};
  if (named) qualifiers.repository_url = `${named.domain}/${named.path}`;
  if (subject.platform) qualifiers.arch = subject.platform.architecture;
  if (fromName?.ok && fromName.ref.tag) qualifiers.tag = fromName.ref.tag;
  const name = named?.path.split('/').at(-1) ?? 'image';
  return new PackageURL('oci', undefined, name, digest, qualifiers, undefined).toString();
}

/** Where the change came from, for a reader of the SBOM: `layer 4 (sha256:…)`. */
export const layerNote = (layer: number, diffId: string) => `layer ${layer} (${diffId})`;
