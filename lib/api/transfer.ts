// Pull and push: the request and the progress events streamed back.
import { z } from '@/lib/api/zod';
import { parseReference } from '@/lib/reference';
import { platformParam } from '@/lib/api/platform';
import type { ErrorLine } from '@/lib/api/errors';

export interface TransferLayer {
  /** First 12 hex characters of the layer (compressed blob for pulls, diff ID for pushes). */
  id: string;
  phase: 'waiting' | 'transferring' | 'verifying' | 'extracting' | 'complete' | 'exists';
  status: string;
  current: number;
  total: number;
  detail: string | null;
}

/** One line of a pull or push progress stream (NDJSON). */
export type TransferEvent =
  | { kind: 'layer'; layer: TransferLayer }
  | { kind: 'status'; message: string }
  | { kind: 'digest'; digest: string }
  | ErrorLine
  | { kind: 'done'; ref: string; digest: string | null; imageId: string | null };

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
