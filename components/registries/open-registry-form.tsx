'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { registryHost } from '@/lib/api/registries';
import { buttonClass } from '@/components/ui/modal';
import { TextField } from '@/components/ui/fields';
import { useEngineHref } from '@/components/ui/engine-link';
import { registryHref } from '@/components/registries/registry-href';

/** Any registry by its host: the distribution registry, Harbor, GHCR, GitLab, ECR all speak one API. */
export function OpenRegistryForm() {
  const router = useRouter();
  const href = useEngineHref();
  const [server, setServer] = useState('');
  const checked = server.trim() ? registryHost.safeParse(server) : null;
  const hub = checked?.success && checked.data === 'docker.io';
  return (
    <form
      aria-label="Open a registry"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!checked?.success) return;
        router.push(href(hub ? '/hub' : registryHref(checked.data)));
      }}
    >
      <TextField
        id="open-registry"
        label="Registry host"
        value={server}
        onChange={setServer}
        placeholder="registry.example.com or localhost:5000"
        className="w-80"
        error={checked && !checked.success ? checked.error.issues[0]?.message : null}
        hint={hub ? 'Docker Hub has no catalog: it opens the Hub search.' : null}
      />
      <button type="submit" disabled={!checked?.success} className={buttonClass.primary}>
        Open
      </button>
    </form>
  );
}
