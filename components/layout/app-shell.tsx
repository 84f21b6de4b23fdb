import Link from 'next/link';
import type { ReactNode } from 'react';
import { MainNav } from '@/components/layout/main-nav';
import { EngineBanner } from '@/components/layout/engine-banner';

export interface AppShellProps {
  children: ReactNode;
}

export function AppShell({ children }: AppShellProps) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-8 px-6 py-3">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
            <StrataMark />
            Strata
          </Link>
          <MainNav />
        </div>
      </header>
      <EngineBanner />
      <main className="mx-auto max-w-7xl px-6 py-6">{children}</main>
    </div>
  );
}

function StrataMark() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="3" y="4" width="18" height="4" rx="1.5" fill="#0ea5e9" />
      <rect x="3" y="10" width="18" height="4" rx="1.5" fill="#6366f1" />
      <rect x="3" y="16" width="18" height="4" rx="1.5" fill="#334155" />
    </svg>
  );
}
