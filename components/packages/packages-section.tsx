'use client';
// The image's base OS and its packages, per layer: read from the package databases in the same pass
// as the files (one export), so this section shares the files section's analysis.
import { PackagesTable } from '@/components/packages/packages-table';
import { buttonClass } from '@/components/ui/modal';
import type { ImagePackages, PackageLayerSummary } from '@/lib/api/packages';
import { formatBytes } from '@/lib/format';
import type { AnalysisHandle } from '@/lib/queries/analysis';
import { useImageHistory } from '@/lib/queries/images';
import { sbomUrl } from '@/lib/queries/packages';

export interface PackagesSectionProps {
  imageRef: string;
  platform?: string;
  analysis: AnalysisHandle;
}

export function PackagesSection({ imageRef, platform = '', analysis }: PackagesSectionProps) {
  const { state, start } = analysis;
  const packages = state.packages;
  return (
    <section id="packages" aria-labelledby="packages-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="packages-heading" className="text-base font-semibold">
            OS and packages
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            What the image’s package databases say (dpkg for Debian and Ubuntu, including distroless <code>status.d</code>; apk for Alpine),
            layer by layer: which step installed, upgraded or removed each package, and the bytes it takes. Read offline from the layers
            themselves.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <a href={sbomUrl(imageRef, 'spdx', platform)} download className={buttonClass.quiet}>
            Download SPDX SBOM
          </a>
          <a href={sbomUrl(imageRef, 'cyclonedx', platform)} download className={buttonClass.quiet}>
            Download CycloneDX SBOM
          </a>
        </div>
      </div>
      {!packages ? (
        <p className="mt-3 text-sm text-slate-600">
          {state.running ? (
            `Reading the layers: ${formatBytes(state.bytesRead)} of about ${formatBytes(state.totalBytes)}…`
          ) : (
            <>
              The packages are read with the layers.{' '}
              <button type="button" onClick={() => void start()} className={buttonClass.primary}>
                Read packages
              </button>
            </>
          )}
        </p>
      ) : (
        <PackagesResult packages={packages} imageRef={imageRef} platform={platform} />
      )}
    </section>
  );
}

function PackagesResult({ packages, imageRef, platform }: { packages: ImagePackages; imageRef: string; platform: string }) {
  const { data: history } = useImageHistory(imageRef, platform);
  const stepOf = (position: number) => history?.steps.find((step) => step.layerIndex === position - 1)?.index;
  const changed = packages.layers.filter((layer) => layer.added + layer.upgraded + layer.removed > 0);
  return (
    <div className="mt-4 space-y-4">
      <p className="text-sm" data-testid="base-os">
        <span className="text-slate-500">Base OS: </span>
        {packages.os ? (
          <>
            <span className="font-medium">{packages.os.prettyName}</span>
            <span className="text-slate-500">
              {' '}
              · /etc/os-release written by <LayerLink position={packages.os.layer} step={stepOf(packages.os.layer)} />
            </span>
          </>
        ) : (
          <span className="text-slate-600">none found: no /etc/os-release or /usr/lib/os-release (built FROM scratch, or distroless)</span>
        )}
      </p>
      {packages.unread.map((unread) => (
        <p key={unread.path} role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          /{unread.path} (layer {unread.layer}): {unread.message}
        </p>
      ))}
      {packages.packages.length === 0 && packages.changes.length === 0 ? (
        <p className="text-sm text-slate-600">
          No package database in this image: no dpkg status, status.d or apk installed file. Images built FROM scratch or copied binaries
          list no packages.
        </p>
      ) : (
        <>
          <ol aria-label="Package changes per layer" className="space-y-1 text-sm">
            {changed.map((layer) => (
              <li key={layer.position}>
                <LayerLink position={layer.position} step={stepOf(layer.position)} /> {changeWords(layer)}
                <RemovedNames changes={packages.changes} position={layer.position} />
              </li>
            ))}
          </ol>
          <PackagesTable packages={packages.packages} stepOf={stepOf} />
        </>
      )}
    </div>
  );
}

/** "added 37 packages, upgraded 2, removed 1: +48.2MB" */
export function changeWords(layer: PackageLayerSummary): string {
  const parts = [
    layer.added > 0 && `added ${layer.added} package${layer.added === 1 ? '' : 's'}`,
    layer.upgraded > 0 && `upgraded ${layer.upgraded}`,
    layer.removed > 0 && `removed ${layer.removed}`,
  ].filter(Boolean);
  const bytes = layer.sizeChange === 0 ? '' : `: ${layer.sizeChange > 0 ? '+' : '−'}${formatBytes(Math.abs(layer.sizeChange))} installed`;
  return `${parts.join(', ')}${bytes}`;
}

/** The packages a layer removed: the table lists what is installed, so they show nowhere else. */
function RemovedNames({ changes, position }: { changes: ImagePackages['changes']; position: number }) {
  const names = changes.filter((change) => change.layer === position && change.change === 'removed').map((change) => change.name);
  if (names.length === 0) return null;
  const shown = names.slice(0, 8).join(', ');
  return (
    <span className="text-slate-500">
      {' '}
      (removed {shown}
      {names.length > 8 ? ` and ${names.length - 8} more` : ''})
    </span>
  );
}

function LayerLink({ position, step }: { position: number; step: number | undefined }) {
  if (step === undefined) return <span className="font-medium">layer {position}</span>;
  return (
    <a href={`#step-${step + 1}`} className="font-medium text-sky-700 hover:underline">
      step {step + 1} (layer {position})
    </a>
  );
}
