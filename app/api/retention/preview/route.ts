import { handle, readJson } from '@/lib/http/handle';
import { ruleDraftSchema } from '@/lib/api/retention';
import { previewDraft } from '@/lib/docker/retention/rules';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// A dry run: it reads the engines and changes nothing.
export const POST = handle(async (req) => previewDraft(ruleDraftSchema.parse(await readJson(req))));
