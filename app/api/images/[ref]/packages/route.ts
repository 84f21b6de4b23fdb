import { handle } from '@/lib/http/handle';
import { platformOf } from '@/lib/api/platform';
import { imageRefParam } from '@/lib/api/references';
import { getImagePackages } from '@/lib/docker/analysis/packages';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The image's OS and packages per layer; reads the layers first if no analysis has. */
export const GET = handle<{ ref: string }>(async (req, { params }) => {
  const ref = imageRefParam.parse((await params).ref);
  return (await getImagePackages(ref, platformOf(req), req.signal)).packages;
});
