import Link from '@/components/ui/engine-link';
import type { ReactNode } from 'react';
import { MainNav } from '@/components/layout/main-nav';
import { EngineBanner } from '@/components/layout/engine-banner';
import { EngineSwitcher } from '@/components/layout/engine-switcher';
import { SignedInOnly } from '@/components/layout/signed-in-only';

export interface AppShellProps {
  children: ReactNode;
  /** STRATA_TOKEN is set: show Sign out. */
  tokenRequired?: boolean;
}

export function AppShell({ children, tokenRequired = false }: AppShellProps) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-8 px-6 py-3">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
            <StrataMark />
            Strata
          </Link>
          <SignedInOnly>
            <MainNav />
            <div className="ml-auto flex items-center gap-3">
              <EngineSwitcher />
              {tokenRequired && (
                // A plain form: signing out works before any script has loaded.
                <form method="post" action="/logout">
                  <button type="submit" className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900">
                    Sign out
                  </button>
                </form>
              )}
            </div>
          </SignedInOnly>
        </div>
      </header>
      <SignedInOnly>
        <EngineBanner />
      </SignedInOnly>
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
