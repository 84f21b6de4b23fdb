import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http/handle';
import { loginBody, logoutQuery } from '@/lib/api/registries';
import { login, logout } from '@/lib/docker/transfer/auth';
import { listLogins } from '@/lib/registries/store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Passwords go in, never out: every answer holds servers and usernames only.
export const GET = handle(async () => ({ registries: await listLogins() }));

export const POST = handle(async (req) => {
  const { server, username, password } = loginBody.parse(await readJson(req));
  return NextResponse.json(await login(server, username, password), { status: 201 });
});

export const DELETE = handle(async (req) => logout(logoutQuery.parse(Object.fromEntries(new URL(req.url).searchParams)).server));
