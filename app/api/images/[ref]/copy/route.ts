// POST /api/images/{ref}/copy?engine=A { to: "B" } → the copy's progress as JSON lines.
import { handle, readJson } from '@/lib/http/handle';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { copyBodySchema } from '@/lib/api/engines';
import { imageRefParam } from '@/lib/api/references';
import { copyImage, planCopy } from '@/lib/docker/transfer/copy';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle<{ ref: string }>(async (req, { params }) => {
  const ref = imageRefParam.parse((await params).ref);
  const { to } = copyBodySchema.parse(await readJson(req));
  // Both ends are checked (the image here, the other engine known) before any stream starts.
  const plan = await planCopy(ref, to);
  return ndjsonResponse(req, (signal) => copyImage(plan, signal));
});
