import { handle } from '@/lib/http/handle';
import { sbomQuery } from '@/lib/api/packages';
import { platformOf } from '@/lib/api/platform';
import { imageRefParam } from '@/lib/api/references';
import { getImageSbom } from '@/lib/docker/analysis/sbom';
import { contentDisposition } from '@/lib/http/file-download';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `?format=spdx|cyclonedx`: the image's SBOM (SPDX 2.3 or CycloneDX 1.6 JSON), as a download. */
export const GET = handle<{ ref: string }>(async (req, { params }) => {
  const ref = imageRefParam.parse((await params).ref);
  const { format } = sbomQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const file = await getImageSbom(ref, format, platformOf(req), req.signal);
  return new Response(file.body, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': contentDisposition(file.filename),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
});
