import type { ReactNode } from 'react';

export interface ComingSoonProps {
  title: string;
  children: ReactNode;
}

/** A page that exists in the navigation but not yet in the product: it says so, and nothing more. */
export function ComingSoon({ title, children }: ComingSoonProps) {
  return (
    <div className="max-w-2xl space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="inline-block rounded bg-slate-200 px-2 py-0.5 text-xs font-medium uppercase tracking-wide text-slate-700">Coming soon: not built yet</p>
      <div className="space-y-2 text-sm text-slate-700">{children}</div>
    </div>
  );
}
