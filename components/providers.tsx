'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { ENGINE_PARAM } from '@/lib/api/engines';
import { pollWhileUnreachable, shouldRetry } from '@/lib/api/fetch';
import { useEngineEvents } from '@/lib/queries/events';
import { SignedInOnly } from '@/components/layout/signed-in-only';

function EngineEvents() {
  useEngineEvents();
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  // One query cache per engine: a page on another engine never shows this one's answers, and the
  // live events follow the engine too.
  const engine = useSearchParams().get(ENGINE_PARAM) ?? '';
  return <EngineQueries key={engine}>{children}</EngineQueries>;
}

function EngineQueries({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            retry: shouldRetry,
            retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 4000),
            refetchInterval: pollWhileUnreachable,
            // Engine events invalidate what changed; no need to refetch on every focus.
            refetchOnWindowFocus: false,
            staleTime: 10_000,
          },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <SignedInOnly>
        <EngineEvents />
      </SignedInOnly>
      {children}
    </QueryClientProvider>
  );
}
