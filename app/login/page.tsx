import type { Metadata } from 'next';
import { LoginView } from '@/components/auth/login-view';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next, error } = await searchParams;
  return (
    <LoginView
      tokenRequired={Boolean(process.env.STRATA_TOKEN)}
      next={typeof next === 'string' ? next : '/'}
      error={error === 'wrong_token' || error === 'rate_limited' ? error : null}
    />
  );
}
