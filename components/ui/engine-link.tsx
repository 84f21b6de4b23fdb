'use client';
// next/link that keeps the page's engine: a link on a page about engine "prod" opens prod's page.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import type { ComponentProps } from 'react';
import { ENGINE_PARAM } from '@/lib/api/engines';
import { withEngine } from '@/lib/engine-param';

export type EngineLinkProps = ComponentProps<typeof Link>;

export default function EngineLink({ href, ...props }: EngineLinkProps) {
  const engine = useSearchParams().get(ENGINE_PARAM);
  return <Link href={typeof href === 'string' ? withEngine(href, engine) : href} {...props} />;
}

/** The page's engine, for hrefs that are not links (downloads) and router pushes. */
export function useEngineHref(): (path: string) => string {
  const engine = useSearchParams().get(ENGINE_PARAM);
  return (path) => withEngine(path, engine);
}
