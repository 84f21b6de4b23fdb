import { forceParam, handle } from '@/lib/http/handle';
import { tagRef } from '@/lib/api/references';
import { removeTag } from '@/lib/docker/writes/tags';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const DELETE = handle<{ ref: string }>(async (req, { params }) => removeTag(tagRef.parse((await params).ref), forceParam(req)));
