// Tag writes and deletes, one at a time or in bulk (with dry runs), and retagging by pattern.
import { z } from '@/lib/api/zod';
import { tagRef } from '@/lib/api/references';
import { invisibleCharacterProblem, parseImageRef, parseReference } from '@/lib/reference';

export interface TagResult {
  /** The tag as Docker prints it, e.g. `localhost:5000/team/app:v1`. */
  tag: string;
  imageId: string;
  /** Set when the tag pointed at another image before: it moved. */
  movedFrom: { id: string; shortId: string; becameDangling: boolean } | null;
}

export interface RemoveResult {
  untagged: string[];
  /** Image IDs the engine deleted (its answer also lists layers; those are only counted). */
  deletedImages: string[];
  deletedLayers: number;
}

export type BulkAction = 'untag' | 'delete';

/** planned: will run; refused: the engine will say no (the message says why); then ok / skipped / error. */
export type Outcome = 'planned' | 'refused' | 'ok' | 'skipped' | 'error';

export interface BulkItem {
  target: string;
  imageId: string | null;
  outcome: Outcome;
  /** What will happen (dry run) or what happened, in plain words. */
  message: string;
}

export interface BulkResponse {
  dryRun: boolean;
  action: BulkAction;
  items: BulkItem[];
}

export interface RetagItem {
  from: string;
  to: string;
  imageId: string;
  outcome: Outcome;
  message: string;
}

export interface RetagResponse {
  dryRun: boolean;
  items: RetagItem[];
}

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
      if (!parsed.ok)
        ctx.addIssue({ code: 'custom', message: parsed.message.replace('“x”', '“*”'), params: { code: 'invalid_reference' } });
    });

/** `old.registry:5000/team/*` → `new.registry/team/*`: at most one `*` on each side, and both or neither. */
export const retagBody = z
  .object({
    from: tagPattern('Say which tags to retag, e.g. old.registry:5000/team/*'),
    to: tagPattern('Say where they go, e.g. new.registry/team/*'),
    move: z.boolean().default(false),
    dryRun: z.boolean().default(true),
  })
  .refine((body) => body.from.split('*').length - 1 <= 1 && body.to.split('*').length - 1 === body.from.split('*').length - 1, {
    message: 'Use one * in both patterns (or none in either): the part it matches in “from” replaces it in “to”.',
  });
