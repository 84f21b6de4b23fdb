// Browsing a registry over the OCI distribution API: repositories, tags grouped by digest, a manifest
// and a tag delete with its preview, as Strata reshapes them. Both sides import this file.
import { z } from '@/lib/api/zod';
import type { PlatformSpec } from '@/lib/api/platform';
import { registryHost } from '@/lib/api/registries';
import { parseReference } from '@/lib/reference';

export const REPOSITORY_PAGE_SIZE = 100;
export const TAG_PAGE_SIZE = 50;

export interface RepositoryPage {
  server: string;
  /** False when the registry refuses `_catalog` (GHCR, ECR…): a repository can still be opened by name. */
  catalog: boolean;
  page: number;
  pageSize: number;
  /** Repositories matching `q` (all of them without one); null while only the first page is known. */
  total: number | null;
  hasMore: boolean;
  repositories: string[];
}

export interface TagPlatform extends PlatformSpec {
  digest: string;
  /** Config plus layers, compressed, as the registry stores them. */
  size: number | null;
}

export interface RegistryTag {
  name: string;
  /** What `HEAD …/manifests/{tag}` answers in Docker-Content-Digest: the index or manifest digest. */
  digest: string | null;
  mediaType: string | null;
  /** Other tags of this repository known to point at the same digest: up to 20 of them. */
  aliases: string[];
  /** How many other tags point at that digest, all of them. */
  aliasCount: number;
  platforms: TagPlatform[];
  created: string | null;
  /** Why the tag could not be read, when it could not. */
  problem: string | null;
}

export interface TagGroup {
  digest: string | null;
  /** Names of this page's tags on that digest. */
  tags: string[];
}

export interface TagPage {
  server: string;
  repository: string;
  page: number;
  pageSize: number;
  /** Tags matching the filter (all of them without one). */
  total: number;
  /** Tags in the whole repository. */
  listed: number;
  /** Tags of the whole repository asked for their digest: aliases are complete when it equals `listed`. */
  resolved: number;
  tags: RegistryTag[];
  /** This page's tags, one group per digest, in the order their first tag appears. */
  groups: TagGroup[];
}

export interface ManifestDescriptor {
  mediaType: string;
  digest: string;
  size: number;
}

export interface ManifestView {
  server: string;
  repository: string;
  reference: string;
  digest: string;
  mediaType: string;
  kind: 'index' | 'manifest';
  /** An index: its platform manifests (attestations marked, not hidden). */
  manifests: Array<ManifestDescriptor & { platform: PlatformSpec | null; attestation: boolean; imageSize: number | null }>;
  /** A manifest: its config and layers. */
  config: (ManifestDescriptor & { created: string | null; platform: PlatformSpec | null; labels: Record<string, string> }) | null;
  layers: ManifestDescriptor[];
  /** Config and layers, compressed; for an index, of all its platforms but attestations. */
  size: number;
}

export interface TagDeletePreview {
  server: string;
  repository: string;
  tag: string;
  digest: string;
  /**
   * Every tag that goes with it. Strata deletes by digest, the one delete every distribution registry
   * has: the manifest goes, and with it every tag that points at it.
   */
  goes: string[];
}

export interface TagDeleteResult {
  server: string;
  repository: string;
  deleted: string[];
  digest: string;
}

/** `{server}` in /api/registries/{server}/…: docker.io or host[:port]. */
export const serverParam = registryHost;

/** A repository path in `server`, checked with the reference grammar (the whole `server/name`). */
export const repositoryIn = (server: string) =>
  z.string().transform((raw, ctx) => {
    const parsed = parseReference(`${server}/${raw}`);
    if (/[:@]/.test(raw) || !parsed.ok || parsed.ref.domain !== server) {
      ctx.addIssue({
        code: 'custom',
        message: `“${raw.slice(0, 100)}” is not a repository name: lowercase path components like team/app.`,
        params: { code: 'invalid_reference' },
      });
      return z.NEVER;
    }
    return parsed.ref.path;
  });

const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export const tagName = z.string().regex(TAG, 'A tag is up to 128 letters, digits, _ . and -, not starting with . or -.');
/** A tag or a digest, as a manifest is fetched by either. */
export const manifestReference = z
  .string()
  .refine((value) => TAG.test(value) || DIGEST.test(value), 'A manifest is named by a tag or by sha256: and 64 hex digits.');

const page = z.coerce.number().int().min(1).max(100_000).default(1);
const filter = z.string().trim().max(255).default('');

export const repositoriesQuery = z.object({ page, q: filter });
export const tagsQuery = z.object({ page, q: filter });
/** The delete names the digest its preview showed: if the tag has moved since, nothing is deleted. */
export const tagDeleteQuery = z.object({ digest: z.string().regex(DIGEST, 'The digest the preview showed: sha256: and 64 hex digits.') });
