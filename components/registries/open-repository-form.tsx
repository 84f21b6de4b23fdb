'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { repositoryIn } from '@/lib/api/registry-browse';
import { buttonClass } from '@/components/ui/modal';
import { TextField } from '@/components/ui/fields';
import { useEngineHref } from '@/components/ui/engine-link';
import { repositoryHref } from '@/components/registries/registry-href';

/** A repository by name: the way in where the registry will not list its catalog. */
export function OpenRepositoryForm({ server }: { server: string }) {
  const router = useRouter();
  const href = useEngineHref();
  const [name, setName] = useState('');
  const checked = name.trim() ? repositoryIn(server).safeParse(name.trim()) : null;
  return (
    <form
      aria-label="Open a repository"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (checked?.success) router.push(href(repositoryHref(server, checked.data)));
      }}
    >
      <TextField
        id="open-repository"
        label="Open a repository by name"
        value={name}
        onChange={setName}
        placeholder="team/app"
        className="w-72"
        error={checked && !checked.success ? checked.error.issues[0]?.message : null}
      />
      <button type="submit" disabled={!checked?.success} className={buttonClass.quiet}>
        Open
      </button>
    </form>
  );
}
