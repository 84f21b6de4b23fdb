'use client';
import Link from '@/components/ui/engine-link';
import { Badge } from '@/components/ui/badge';
import { LoadingRows } from '@/components/ui/states';
import { RegistryError } from '@/components/registries/registry-error';
import { repositoryHref } from '@/components/registries/registry-href';
import { formatBytes, formatDateTime, formatPlatform, shortId } from '@/lib/format';
import { useRegistryManifest } from '@/lib/queries/registries';

export interface ManifestPanelProps {
  server: string;
  repository: string;
  reference: string;
}

/** What a tag or digest is in the registry: an index → its platform manifests → a config and its layers. */
export function ManifestPanel({ server, repository, reference }: ManifestPanelProps) {
  const manifest = useRegistryManifest(server, repository, reference);
  const view = manifest.data;
  return (
    <section aria-labelledby="manifest-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex items-center justify-between gap-3">
        <h2 id="manifest-heading" className="text-base font-semibold">
          {view?.kind === 'index' ? 'Index' : 'Manifest'}{' '}
          <span className="font-mono text-sm font-normal">
            {reference.startsWith('sha256:') ? shortId(reference) : `of tag ${reference}`}
          </span>
        </h2>
        <Link href={repositoryHref(server, repository)} className="text-sm text-sky-700 hover:underline">
          Close
        </Link>
      </div>
      {manifest.error ? (
        <div className="mt-3">
          <RegistryError server={server} error={manifest.error} action={`read ${reference}`} />
        </div>
      ) : !view ? (
        <LoadingRows label="Loading manifest" rows={3} />
      ) : (
        <div className="mt-2 space-y-3 text-sm">
          <p className="break-all font-mono text-xs text-slate-600">
            {view.digest} · {view.mediaType} · {formatBytes(view.size)} compressed
          </p>
          {view.kind === 'index' ? (
            <table aria-label="Platform manifests" className="w-full text-xs">
              <thead className="text-left uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-1">Platform</th>
                  <th className="py-1">Manifest</th>
                  <th className="py-1 text-right">Image size</th>
                </tr>
              </thead>
              <tbody>
                {view.manifests.map((child) => (
                  <tr key={child.digest} className="border-t border-slate-100">
                    <td className="py-1.5 font-mono">
                      {child.attestation ? (
                        <Badge tone="slate" title="Build provenance or an SBOM attached to the index, not an image to run">
                          attestation
                        </Badge>
                      ) : child.platform ? (
                        formatPlatform(child.platform)
                      ) : (
                        'unknown'
                      )}
                    </td>
                    <td className="py-1.5 font-mono">
                      <Link
                        href={repositoryHref(server, repository, child.digest)}
                        className="text-sky-700 hover:underline"
                        title={child.digest}
                      >
                        {shortId(child.digest)}
                      </Link>
                    </td>
                    <td className="py-1.5 text-right">{child.imageSize === null ? '—' : formatBytes(child.imageSize)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <>
              {view.config && (
                <dl aria-label="Config" className="grid grid-cols-[8rem_1fr] gap-y-1 text-xs">
                  <dt className="text-slate-500">Config</dt>
                  <dd className="break-all font-mono">{view.config.digest}</dd>
                  <dt className="text-slate-500">Platform</dt>
                  <dd className="font-mono">{view.config.platform ? formatPlatform(view.config.platform) : '—'}</dd>
                  <dt className="text-slate-500">Created</dt>
                  <dd>{view.config.created ? formatDateTime(view.config.created) : '—'}</dd>
                  {Object.entries(view.config.labels).map(([key, value]) => (
                    <div key={key} className="contents">
                      <dt className="truncate text-slate-500" title={key}>
                        {key}
                      </dt>
                      <dd className="break-all font-mono">{value}</dd>
                    </div>
                  ))}
                </dl>
              )}
              <table aria-label="Layers" className="w-full text-xs">
                <thead className="text-left uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="py-1">Layer</th>
                    <th className="py-1">Type</th>
                    <th className="py-1 text-right">Compressed</th>
                  </tr>
                </thead>
                <tbody>
                  {view.layers.map((layer, index) => (
                    <tr key={`${layer.digest}-${index}`} className="border-t border-slate-100">
                      <td className="py-1.5 font-mono" title={layer.digest}>
                        {index + 1}. {shortId(layer.digest)}
                      </td>
                      <td className="py-1.5 font-mono text-slate-600">{layer.mediaType.replace(/^application\//, '')}</td>
                      <td className="py-1.5 text-right">{formatBytes(layer.size)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </section>
  );
}
