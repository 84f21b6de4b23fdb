// What is inside an image, from the browser: the packages of an image (the compare page asks for two),
// the SBOM and file download addresses, and one file's text for the file view.
'use client';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { StrataError, isErrorBody } from '@/lib/api/errors';
import { apiFetch } from '@/lib/api/fetch';
import { FILE_VIEW_LIMIT, type ImagePackages, type SbomFormat } from '@/lib/api/packages';
import { imagePathSegment } from '@/lib/reference';
import { withEngine } from '@/lib/engine-param';
import { imageKeys } from '@/lib/queries/images';

const withPlatform = (path: string, platform: string, extra: Record<string, string> = {}) => {
  const query = new URLSearchParams({ ...extra, ...(platform ? { platform } : {}) }).toString();
  return withEngine(query ? `${path}?${query}` : path);
};

/** Under the image keys: an engine event about the image refreshes it. */
export const packagesKeys = {
  of: (ref: string, platform = '') => [...imageKeys.all, 'packages', ref, platform] as const,
  file: (ref: string, diffId: string, path: string) => [...imageKeys.all, 'file', ref, diffId, path] as const,
};

export const imagePackagesOptions = (ref: string, platform = '') =>
  queryOptions({
    queryKey: packagesKeys.of(ref, platform),
    queryFn: ({ signal }) =>
      apiFetch<ImagePackages>(
        `/api/images/${imagePathSegment(ref)}/packages${platform ? `?platform=${encodeURIComponent(platform)}` : ''}`,
        {
          signal,
        },
      ),
    // Reading the layers of an image not analysed yet takes a while; never ask twice for the same image.
    staleTime: Infinity,
  });

export const usePackages = (ref: string, enabled = true) => useQuery({ ...imagePackagesOptions(ref), enabled });

export const sbomUrl = (ref: string, format: SbomFormat, platform = '') =>
  withPlatform(`/api/images/${imagePathSegment(ref)}/sbom`, platform, { format });

export const layerFileUrl = (ref: string, diffId: string, path: string, platform = '') =>
  withPlatform(`/api/images/${imagePathSegment(ref)}/layers/${diffId}/file`, platform, { path });

export type FileText = { kind: 'text'; text: string } | { kind: 'binary'; size: number };

/** A file's text, for a file small enough to show; a binary file is said to be one, not shown. */
async function fetchFileText(url: string, signal: AbortSignal): Promise<FileText> {
  const response = await fetch(url, { signal });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    if (isErrorBody(body)) throw new StrataError(body.error.code, body.error.message);
    throw new StrataError('internal', `Strata answered ${response.status}.`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > FILE_VIEW_LIMIT || bytes.subarray(0, 8192).includes(0)) return { kind: 'binary', size: bytes.length };
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { kind: 'binary', size: bytes.length };
  }
}

export function useFileText(ref: string, diffId: string, path: string, platform: string, enabled: boolean) {
  return useQuery({
    queryKey: [...packagesKeys.file(ref, diffId, path), platform],
    queryFn: ({ signal }) => fetchFileText(layerFileUrl(ref, diffId, path, platform), signal),
    enabled,
    staleTime: Infinity,
    retry: false,
  });
}
