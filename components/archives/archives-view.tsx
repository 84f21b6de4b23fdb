'use client';
// /archives: images as files — save to a .tar, load one back, or import a root filesystem.
import { ImportCard } from '@/components/archives/import-card';
import { LoadCard } from '@/components/archives/load-card';
import { SaveCard } from '@/components/archives/save-card';
import { useReadOnly } from '@/lib/queries/engine';

export function ArchivesView() {
  const readOnly = useReadOnly();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Archives</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Images travel as files when there is no registry between two machines: save them to a .tar, carry it over, load it there. A root
          filesystem from elsewhere can be imported as a new base image.
        </p>
      </header>
      {readOnly && (
        <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
          Strata runs read-only here (STRATA_READ_ONLY=1): images can be saved, but not loaded or imported.
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <SaveCard />
        <div className="space-y-6">
          <LoadCard disabled={readOnly} />
          <ImportCard disabled={readOnly} />
        </div>
      </div>
    </div>
  );
}
