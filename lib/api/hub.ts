// Docker Hub search, repositories and tags, as Strata reshapes them.
import { z } from '@/lib/api/zod';

export interface HubRepoSummary {
  /** `nginx` for official images, `bitnami/nginx` otherwise. */
  name: string;
  namespace: string;
  repository: string;
  description: string;
  stars: number;
  /** As the Hub gives it: a number, or a display string like "1B+". */
  pulls: string;
  official: boolean;
  verifiedPublisher: boolean;
  openSource: boolean;
  publisher: string | null;
  updatedAt: string | null;
  architectures: string[];
}

export interface HubRateLimit {
  limit: number | null;
  remaining: number | null;
  /** ISO time when the window resets. */
  reset: string | null;
}

export interface HubSearchResponse {
  total: number;
  page: number;
  pageSize: number;
  results: HubRepoSummary[];
  rateLimit: HubRateLimit | null;
}

export interface HubRepository {
  namespace: string;
  repository: string;
  name: string;
  description: string;
  fullDescription: string;
  stars: number;
  pulls: number;
  lastUpdated: string | null;
  official: boolean;
}

export interface HubTagImage {
  architecture: string;
  os: string;
  variant: string | null;
  size: number;
  digest: string | null;
}

export interface HubTag {
  name: string;
  /** The tag's digest (index or manifest): what a local copy's repo digest should equal. */
  digest: string | null;
  lastPushed: string | null;
  images: HubTagImage[];
}

export interface HubTagsResponse {
  count: number;
  page: number;
  pageSize: number;
  tags: HubTag[];
}

export const hubSearchQuery = z.object({
  q: z.string().trim().min(1, 'Type something to search for.').max(100),
  page: z.coerce.number().int().min(1).max(100).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  sort: z.enum(['relevance', 'pulls', 'stars', 'updated']).default('relevance'),
  official: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  verified: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

/** Docker Hub namespace and repository: lowercase path components. */
export const hubRepoParams = z.object({
  namespace: z.string().regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, 'Not a Docker Hub namespace.'),
  repo: z.string().regex(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/, 'Not a Docker Hub repository name.'),
});

export const hubTagsQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  name: z.string().trim().max(128).default(''),
});
