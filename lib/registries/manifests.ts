// Manifests, indexes and config blobs from a registry. What a digest names never changes, so documents
// fetched by digest are kept (bounded); a tag's digest comes from `HEAD`, which Docker Hub does not count
// as a pull.
import 'server-only';
import { createHash } from 'node:crypto';
import { StrataError } from '@/lib/api/errors';
import type { PlatformSpec } from '@/lib/api/platform';
import { registryErrorCode, registryFetch } from '@/lib/registries/http';

export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;
const INDEX_TYPES = new Set<string>([MANIFEST_TYPES[0], MANIFEST_TYPES[1]]);
const MAX_DOCUMENT = 4 * 1024 * 1024;
const MAX_CACHED = 2000;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface Manifest {
  digest: string;
  mediaType: string;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
}

export interface ImageConfig {
  created: string | null;
  platform: PlatformSpec | null;
  labels: Record<string, string>;
}

export const isIndex = (manifest: Manifest) => INDEX_TYPES.has(manifest.mediaType) || Array.isArray(manifest.manifests);

const byDigest = new Map<string, unknown>();
function remember<T>(key: string, value: T): T {
  byDigest.set(key, value);
  if (byDigest.size > MAX_CACHED) byDigest.delete(byDigest.keys().next().value!);
  return value;
}

const pullScope = (repository: string) => `repository:${repository}:pull`;
const path = (repository: string, kind: 'manifests' | 'blobs', reference: string) =>
  `/v2/${repository}/${kind}/${encodeURIComponent(reference)}`;

async function notFound(response: Response, what: string): Promise<never> {
  const code = await registryErrorCode(response);
  if (response.status === 404 || code === 'MANIFEST_UNKNOWN' || code === 'NAME_UNKNOWN' || code === 'BLOB_UNKNOWN') {
    throw new StrataError('not_found', `${what} is not in the registry.`, { registryCode: code });
  }
  throw new StrataError('upstream_failed', `The registry answered ${response.status} for ${what}${code ? ` (${code})` : ''}.`);
}

export interface HeadResult {
  digest: string;
  mediaType: string | null;
}

/** The digest a tag points at now (`HEAD`), or null when the registry has no such tag. */
export async function headManifest(server: string, repository: string, reference: string): Promise<HeadResult | null> {
  const response = await registryFetch(server, path(repository, 'manifests', reference), {
    method: 'HEAD',
    accept: MANIFEST_TYPES,
    scope: pullScope(repository),
  });
  if (response.status === 404) return null;
  if (!response.ok) await notFound(response, `${repository}:${reference}`);
  const digest = response.headers.get('docker-content-digest');
  if (digest && /^sha256:[a-f0-9]{64}$/.test(digest)) {
    return { digest, mediaType: response.headers.get('content-type')?.split(';')[0]?.trim() ?? null };
  }
  // A registry that leaves the header out: the digest of the bytes is the answer.
  const manifest = await getManifest(server, repository, reference);
  return { digest: manifest.digest, mediaType: manifest.mediaType };
}

async function readLimited(response: Response, what: string): Promise<Buffer> {
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_DOCUMENT) throw new StrataError('too_large', `${what} is larger than ${MAX_DOCUMENT / 1024 / 1024} MB.`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_DOCUMENT) throw new StrataError('too_large', `${what} is larger than ${MAX_DOCUMENT / 1024 / 1024} MB.`);
  return bytes;
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A manifest or index by tag or digest, checked against its digest when fetched by one. */
export async function getManifest(server: string, repository: string, reference: string): Promise<Manifest> {
  const key = `${server}/${repository}@${reference}`;
  if (reference.startsWith('sha256:') && byDigest.has(key)) return byDigest.get(key) as Manifest;
  const response = await registryFetch(server, path(repository, 'manifests', reference), {
    accept: MANIFEST_TYPES,
    scope: pullScope(repository),
  });
  if (!response.ok) await notFound(response, `${repository}:${reference}`);
  const bytes = await readLimited(response, `The manifest of ${repository}:${reference}`);
  const digest = sha256(bytes);
  if (reference.startsWith('sha256:') && digest !== reference) {
    throw new StrataError('upstream_failed', `The registry sent a manifest whose digest is not ${reference}.`);
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new StrataError('upstream_failed', `The manifest of ${repository}:${reference} is not JSON.`);
  }
  const mediaType =
    (typeof body.mediaType === 'string' ? body.mediaType : null) ?? response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  const manifest: Manifest = {
    digest,
    mediaType,
    manifests: Array.isArray(body.manifests) ? (body.manifests as Descriptor[]) : undefined,
    config: body.config as Descriptor | undefined,
    layers: Array.isArray(body.layers) ? (body.layers as Descriptor[]) : undefined,
  };
  return remember(`${server}/${repository}@${digest}`, manifest);
}

/** Created, platform and labels from an image's config blob (a few KB of JSON). */
export async function getConfig(server: string, repository: string, digest: string): Promise<ImageConfig> {
  const key = `${server}/${repository}#${digest}`;
  if (byDigest.has(key)) return byDigest.get(key) as ImageConfig;
  const response = await registryFetch(server, path(repository, 'blobs', digest), { scope: pullScope(repository) });
  if (!response.ok) await notFound(response, `The config ${digest.slice(0, 19)}`);
  const body = JSON.parse((await readLimited(response, `The config of ${repository}`)).toString('utf8')) as {
    created?: unknown;
    os?: unknown;
    architecture?: unknown;
    variant?: unknown;
    config?: { Labels?: unknown } | null;
  };
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  const labels = body.config?.Labels && typeof body.config.Labels === 'object' ? (body.config.Labels as Record<string, string>) : {};
  const os = text(body.os);
  const architecture = text(body.architecture);
  return remember(key, {
    created: text(body.created),
    platform: os && architecture ? { os, architecture, variant: text(body.variant) } : null,
    labels,
  });
}

export const platformOfDescriptor = (descriptor: Descriptor): PlatformSpec | null =>
  descriptor.platform?.os && descriptor.platform.architecture
    ? { os: descriptor.platform.os, architecture: descriptor.platform.architecture, variant: descriptor.platform.variant ?? null }
    : null;

/** Buildx's attestation manifests ride in the index as platform unknown/unknown. */
export const isAttestation = (descriptor: Descriptor) =>
  descriptor.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || descriptor.platform?.architecture === 'unknown';

/** Config and layers, compressed: what one platform of the image takes in the registry. */
export const manifestSize = (manifest: Manifest) =>
  (manifest.config?.size ?? 0) + (manifest.layers ?? []).reduce((sum, layer) => sum + (layer.size ?? 0), 0);
