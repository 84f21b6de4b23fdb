import type { ContainerRef } from '@/lib/api/images';
import { Badge } from '@/components/ui/badge';

export interface ContainersSectionProps {
  containers: ContainerRef[];
}

export function ContainersSection({ containers }: ContainersSectionProps) {
  return (
    <section aria-labelledby="containers-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="containers-heading" className="text-base font-semibold">
        Containers
      </h2>
      {containers.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">
          No container uses this image, so deleting or pruning it would not affect anything that runs.
        </p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {containers.map((container) => (
            <li key={container.id} className="flex items-center gap-2">
              <span className="font-mono text-xs">{container.name}</span>
              <Badge tone={container.state === 'running' ? 'green' : 'slate'}>{container.state}</Badge>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
