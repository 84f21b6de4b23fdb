import { handle } from '@/lib/http/handle';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { tagRef } from '@/lib/api/references';
import { inspectImage } from '@/lib/docker/images/list';
import { push } from '@/lib/docker/transfer/pull-push';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle<{ ref: string }>(async (req, { params }) => {
  const ref = tagRef.parse((await params).ref);
  // An image that is not here is a plain 404, before any stream starts.
  await inspectImage(ref.familiar);
  return ndjsonResponse(req, (signal) => push(ref, signal));
});
