// Input schemas shared by routes and forms. Every image reference passes the reference grammar here,
// before the engine ever sees it.
import { z } from 'zod';
import { invisibleCharacterProblem, parseImageRef, parseReference } from '@/lib/reference';
import { platformParam } from '@/lib/api/platform';

/**
 * `{ref}` in /api/images/{ref}: a full or short image ID, or `[registry/]name[:tag][@digest]`. Next has
 * already decoded route parameters (and URLSearchParams query values) once; decoding again would let
 * `sec%252Ftarget` act on `sec/target` while the audit log says `sec%2Ftarget`. One decoding, everywhere.
 */
export const imageRefParam = z.string().transform((raw, ctx) => {
  const result = parseImageRef(raw);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { code: 'invalid_reference' } });
    return z.NEVER;
  }
  return result.value;
});

/** `?a=…&b=…` for /api/compare: two image references or IDs. */
export const compareQuery = z.object({
  a: z.string({ error: 'Say which image to compare: ?a=…' }).pipe(imageRefParam),
  b: z.string({ error: 'Say which image to compare it with: ?b=…' }).pipe(imageRefParam),
});

/** A tag to create or remove: `[registry/]name[:tag]`, never a digest or an image ID. */
export const tagRef = z.string().transform((raw, ctx) => {
  const parsed = parseReference(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: 'invalid_reference' } });
    return z.NEVER;
  }
  if (parsed.ref.digest) {
    ctx.addIssue({ code: 'custom', message: `“${raw}” names a digest; a tag is name:tag, for example team/app:v2.`, params: { code: 'invalid_reference' } });
    return z.NEVER;
  }
  return parsed.ref;
});

export const addTagBody = z.object({ ref: tagRef });

/** A bulk target: an image ID or reference, checked like `{ref}` but kept as typed (trimmed) for the report. */
const bulkTarget = z.string().transform((raw, ctx) => {
  const result = parseImageRef(raw);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { code: 'invalid_reference' } });
    return z.NEVER;
  }
  return raw.trim();
});

export const bulkBody = z.object({
  action: z.enum(['untag', 'delete']),
  targets: z.array(bulkTarget).min(1, 'Choose at least one image or tag.').max(1000),
  force: z.boolean().default(false),
  dryRun: z.boolean().default(true),
});

/** A retag pattern: a reference in which one `*` may stand for any text (`*` → `x` must parse). */
const tagPattern = (empty: string) =>
  z
    .string()
    .superRefine((raw, ctx) => {
      const problem = invisibleCharacterProblem(raw);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'invalid_reference' } });
    })
    .transform((raw) => raw.trim())
    .pipe(z.string().min(1, empty))
    .superRefine((pattern, ctx) => {
      const parsed = parseReference(pattern.replace('*', 'x'));
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message.replace('“x”', '“*”'), params: { code: 'invalid_reference' } });
    });

/** `old.registry:5000/team/*` → `new.registry/team/*`: at most one `*` on each side, and both or neither. */
export const retagBody = z
  .object({
    from: tagPattern('Say which tags to retag, e.g. old.registry:5000/team/*'),
    to: tagPattern('Say where they go, e.g. new.registry/team/*'),
    move: z.boolean().default(false),
    dryRun: z.boolean().default(true),
  })
  .refine((body) => (body.from.split('*').length - 1) <= 1 && (body.to.split('*').length - 1) === (body.from.split('*').length - 1), {
    message: 'Use one * in both patterns (or none in either): the part it matches in “from” replaces it in “to”.',
  });

const DURATION = /^(\d+)(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "older than": `24h`, `7d`, `90m` before now, or an ISO date. */
export const untilParam = z.string().trim().transform((raw, ctx) => {
  const duration = DURATION.exec(raw);
  if (duration) return new Date(Date.now() - Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS]);
  // Only real dates: `new Date("2")` would happily mean February 2001.
  const date = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ? new Date(raw) : new Date(Number.NaN);
  if (!Number.isNaN(date.getTime())) return date;
  ctx.addIssue({ code: 'custom', message: `“${raw}” is not an age: use 24h, 7d, 90m or a date like 2026-01-31.` });
  return z.NEVER;
});

export const pruneBody = z.object({
  target: z.enum(['dangling', 'unused', 'build-cache']),
  dryRun: z.boolean().default(true),
  until: untilParam.optional(),
  labels: z
    .array(z.string().trim().regex(/^[^=\s\p{Cc}\p{Cf}]+(=[^\p{Cc}\p{Cf}]*)?$/u, 'A label filter is key or key=value, without control characters.').max(1024))
    .max(20)
    .optional(),
  only: z.array(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'Pick images by their full ID.')).max(5000).optional(),
  expect: z.array(z.string().regex(/^sha256:[0-9a-f]{64}$/)).max(5000).optional(),
});

/** Anything `docker pull` takes: name, name:tag or name@digest. */
export const pullBody = z.object({
  ref: z.string().transform((raw, ctx) => {
    const parsed = parseReference(raw);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: 'invalid_reference' } });
      return z.NEVER;
    }
    return parsed.ref;
  }),
  /** `os/architecture[/variant]`: pull that platform only (the engine's `platform`); absent = the engine's own. */
  platform: platformParam.optional(),
});

/** A registry to log in to: `docker.io` (Docker Hub) or host[:port] — DNS labels of at most 63 characters, 253 in all. */
const registryHost = z
  .string()
  .trim()
  .max(253 + 6, 'A registry host name is at most 253 characters.')
  .regex(
    /^(docker\.io|[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*(:\d{1,5})?)$/,
    'A registry is docker.io or a host name with an optional :port, e.g. localhost:5000.',
  );

export const loginBody = z.object({
  server: registryHost,
  username: z.string().trim().min(1, 'A username is needed.').max(256),
  password: z.string().min(1, 'A password or access token is needed.').max(4096),
});

export const logoutQuery = z.object({ server: registryHost });

export const hubSearchQuery = z.object({
  q: z.string().trim().min(1, 'Type something to search for.').max(100),
  page: z.coerce.number().int().min(1).max(100).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  sort: z.enum(['relevance', 'pulls', 'stars', 'updated']).default('relevance'),
  official: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  verified: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
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

export const layerFilesQuery = z.object({
  path: z.string().max(4096).default('').transform((value) => value.replace(/^\/+|\/+$/g, '')),
  view: z.enum(['changes', 'filesystem']).default('changes'),
});

export const diffIdParam = z.string().pipe(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'A layer is named by its diff ID, sha256:<64 hex>.'));

/** `?all=1` on /api/images and /api/graph: also the legacy-build intermediates (`docker image ls -a`). */
export const listQuery = z.object({
  all: z.enum(['0', '1'], { error: 'all is 1 (with intermediate images) or 0' }).optional().transform((value) => value === '1'),
});
