import { handle } from '@/lib/api/handle';
import { ndjsonResponse } from '@/lib/api/ndjson';
import { tagRef } from '@/lib/api/schemas';
import { push } from '@/lib/docker/transfer';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle<{ ref: string }>(async (req, { params }) => {
  const ref = tagRef.parse((await params).ref);
  return ndjsonResponse(req, (signal) => push(ref, signal));
});
