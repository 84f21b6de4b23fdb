'use client';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** The sign-in page shows no navigation and asks the engine nothing: without a token every call is refused. */
export function useOnLoginPage(): boolean {
  return usePathname() === '/login';
}

export function SignedInOnly({ children }: { children: ReactNode }) {
  return useOnLoginPage() ? null : <>{children}</>;
}
