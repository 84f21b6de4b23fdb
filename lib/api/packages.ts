// Shapes of what is inside an image (issue 19): its base OS, the packages its databases list and which
// layer installed, upgraded or removed each one, the SBOM formats, and one file's download. Shared by
// the server and the browser.
import { z } from '@/lib/api/zod';
import type { PackageType } from '@/lib/packages/package';

export type { PackageType };
export type PackageChange = 'added' | 'upgraded' | 'removed';

/** The base OS as of the image's top layer, from `/etc/os-release` (or `/usr/lib/os-release`). */
export interface ImageOs {
  /** `ID`: `debian`, `alpine`, `ubuntu`. */
  id: string;
  /** `VERSION_ID`: `12`, `3.20.3`; null when the file has none. */
  versionId: string | null;
  prettyName: string;
  /** 1-based position of the layer that wrote the file the OS is read from. */
  layer: number;
  diffId: string;
}

export interface ImagePackage {
  name: string;
  version: string;
  arch: string | null;
  type: PackageType;
  source: string | null;
  /** 1-based position of the layer that made this change (for an installed package: installed or last upgraded it). */
  layer: number;
  diffId: string;
  /** Installed bytes as the database records them; null when it does not. */
  size: number | null;
  change: PackageChange;
  /** For an upgrade, the version it replaced. */
  previousVersion: string | null;
  /** Package URL (purl) for SBOMs and scanners. */
  purl: string;
}

export interface PackageLayerSummary {
  position: number;
  diffId: string;
  added: number;
  upgraded: number;
  removed: number;
  /** Installed bytes the layer's package changes add (removals count negative). */
  sizeChange: number;
}

/** A package database Strata found but does not read, said plainly rather than skipped. */
export interface UnreadDatabase {
  path: string;
  layer: number;
  reason: 'rpm' | 'too-large';
  message: string;
}

/** `GET /api/images/{ref}/packages`. */
export interface ImagePackages {
  /** The image's config digest (the platform's, for one platform of an index). */
  imageId: string;
  os: ImageOs | null;
  /** Every package installed as of the top layer, by name. */
  packages: ImagePackage[];
  /** Every install, upgrade and removal, oldest layer first. */
  changes: ImagePackage[];
  /** One per layer, in order, even for layers that change no package. */
  layers: PackageLayerSummary[];
  unread: UnreadDatabase[];
}

export const sbomFormats = ['spdx', 'cyclonedx'] as const;
export type SbomFormat = (typeof sbomFormats)[number];
export const sbomQuery = z.object({ format: z.enum(sbomFormats, { message: 'format is spdx or cyclonedx.' }) });

/** `…/layers/{diffId}/file?path=`: a path in the image's filesystem as of that layer. */
export const layerFileQuery = z.object({
  path: z
    .string({ message: 'path is required.' })
    .min(1, 'path is required.')
    .max(4096)
    .refine((value) => !value.includes('\0'), 'path has a NUL byte.')
    .transform((value) => value.replace(/^\/+|\/+$/g, ''))
    .refine(
      (value) => value.length > 0 && !value.split('/').some((part) => part === '..' || part === '.'),
      'path names a file: no . or .. parts.',
    ),
});

/** Files above this are refused (413): a download is for a file, not an image. */
export const FILE_DOWNLOAD_LIMIT = 1024 * 1024 * 1024;
/** Text files up to this size can be read in the page. */
export const FILE_VIEW_LIMIT = 1024 * 1024;
