'use client';
import Link from '@/components/ui/engine-link';
import { StrataError } from '@/lib/api/errors';
import { ErrorState } from '@/components/ui/states';

/** A registry's refusal or failure in its own words, and where to log in when a login would help. */
export function RegistryError({ error, action, server }: { error: unknown; action: string; server: string }) {
  const unauthorized = error instanceof StrataError && error.code === 'unauthorized';
  return (
    <div className="space-y-2">
      <ErrorState error={error} action={action} />
      {unauthorized && (
        <p className="text-sm">
          <Link href={`/registries?login=${encodeURIComponent(server)}`} className="text-sky-700 hover:underline">
            Log in to this registry
          </Link>{' '}
          and open it again.
        </p>
      )}
    </div>
  );
}
