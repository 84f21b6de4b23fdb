'use client';
import Link from '@/components/ui/engine-link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Overview', soon: false },
  { href: '/images', label: 'Images', soon: false },
  { href: '/graph', label: 'Graph', soon: false },
  { href: '/inventory', label: 'Inventory', soon: false },
  { href: '/cleanup', label: 'Cleanup', soon: false },
  { href: '/build', label: 'Build', soon: false },
  { href: '/archives', label: 'Archives', soon: false },
  { href: '/hub', label: 'Docker Hub', soon: false },
  { href: '/registries', label: 'Registries', soon: false },
  { href: '/activity', label: 'Activity', soon: false },
];

export function MainNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex items-center gap-1 text-sm">
      {LINKS.map((link) => {
        const active = link.href === '/' ? pathname === '/' : pathname.startsWith(link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 ${active ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'}`}
          >
            {link.label}
            {link.soon && (
              <span className="ml-1.5 rounded bg-slate-200 px-1 py-px text-[10px] uppercase tracking-wide text-slate-600">soon</span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
