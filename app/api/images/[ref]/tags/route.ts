import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http/handle';
import { addTagBody } from '@/lib/api/tags';
import { imageRefParam } from '@/lib/api/references';
import { addTag } from '@/lib/docker/writes/tags';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle<{ ref: string }>(async (req, { params }) => {
  const image = imageRefParam.parse((await params).ref);
  const { ref } = addTagBody.parse(await readJson(req));
  return NextResponse.json(await addTag(image, ref), { status: 201 });
});
