// Image references as input: every one passes the reference grammar here, before the engine ever sees it.
import { z } from '@/lib/api/zod';
import { parseImageRef, parseReference } from '@/lib/reference';

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

/** A tag to create or remove: `[registry/]name[:tag]`, never a digest or an image ID. */
export const tagRef = z.string().transform((raw, ctx) => {
  const parsed = parseReference(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: 'invalid_reference' } });
    return z.NEVER;
  }
  if (parsed.ref.digest) {
    ctx.addIssue({
      code: 'custom',
      message: `“${raw}” names a digest; a tag is name:tag, for example team/app:v2.`,
      params: { code: 'invalid_reference' },
    });
    return z.NEVER;
  }
  return parsed.ref;
});
