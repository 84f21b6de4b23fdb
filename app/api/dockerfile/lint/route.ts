import { lintDockerfileBody } from '@/lib/api/dockerfile';
import { handle, readJson } from '@/lib/http/handle';
import { lintDockerfile } from '@/lib/dockerfile';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(async (req) => {
  const { dockerfile, target } = lintDockerfileBody.parse(await readJson(req));
  return { findings: lintDockerfile(dockerfile, { target }) };
});
