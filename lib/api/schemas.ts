// Input schemas shared by routes and forms. Every image reference passes the reference grammar here,
// before the engine ever sees it.
import { z } from 'zod';
import { parseImageRef } from '@/lib/reference';

/** `{ref}` in /api/images/{ref}: a full or short image ID, or `[registry/]name[:tag][@digest]`. */
export const imageRefParam = z.string().transform((raw, ctx) => {
  const result = parseImageRef(safeDecode(raw));
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { code: 'invalid_reference' } });
    return z.NEVER;
  }
  return result.value;
});

/** Route params may arrive still percent-encoded (`localhost%3A5000%2Fteam%2Fapp`); never throw on them. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `?a=…&b=…` for /api/compare: two image references or IDs. */
export const compareQuery = z.object({
  a: z.string({ error: 'Say which image to compare: ?a=…' }).pipe(imageRefParam),
  b: z.string({ error: 'Say which image to compare it with: ?b=…' }).pipe(imageRefParam),
});
