import type { ReactNode } from 'react';
import { baseOsLabel, type ImageDetail } from '@/lib/api/images';
import { Badge } from '@/components/ui/badge';
import { CopyButton } from '@/components/ui/copy-button';
import { formatBytes, formatDateTime, formatRelative } from '@/lib/format';
import { ImageUpdates } from '@/components/image-detail/image-updates';

export interface ImageHeaderProps {
  image: ImageDetail;
  /** Buttons for what can be done to the image (add tag, delete). */
  actions?: ReactNode;
  onRemoveTag?: (tag: string) => void;
}

export function ImageHeader({ image, actions, onRemoveTag }: ImageHeaderProps) {
  const title = image.repoTags[0] ?? `<none> (${image.shortId})`;
  return (
    <section aria-label="Image summary" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="break-all font-mono text-xl font-semibold">{title}</h1>
          <div className="mt-2 flex flex-wrap gap-1.5">
            {image.repoTags.map((tag) => (
              <span key={tag} className="inline-flex items-center gap-0.5 rounded bg-slate-100 py-0.5 pl-1.5 font-mono text-xs">
                {tag}
                <CopyButton value={tag} label={`Copy tag ${tag}`} />
                {onRemoveTag && (
                  <button
                    type="button"
                    aria-label={`Remove tag ${tag}`}
                    title="Remove this tag"
                    onClick={() => onRemoveTag(tag)}
                    className="inline-flex h-6 w-6 items-center justify-center rounded text-slate-400 hover:bg-red-50 hover:text-red-700"
                  >
                    ×
                  </button>
                )}
              </span>
            ))}
            {image.dangling && (
              <Badge tone="amber" title="Untagged, and no other image builds on it">
                dangling
              </Badge>
            )}
            {image.repoTags.length === 0 && !image.dangling && (
              <Badge title="An untagged step of a legacy build that another image is built on (docker image ls shows it only with -a). A prune deletes it with its child; on the containerd image store a plain prune deletes it even while the child keeps its tag">
                intermediate
              </Badge>
            )}
            {image.containers > 0 ? <Badge tone="green">in use by {image.containers}</Badge> : <Badge>unused</Badge>}
          </div>
          <ImageUpdates tags={image.repoTags} />
          {actions && <div className="mt-3 flex gap-2">{actions}</div>}
        </div>
        {image.contentSize === null ? (
          <dl className="grid grid-cols-3 gap-x-6 text-right">
            <SizeFigure label="Size" value={image.size} hint="all layers" />
            <SizeFigure label="Unique" value={image.uniqueSize} hint="freed if deleted" />
            <SizeFigure label="Shared" value={image.sharedSize} hint="with other images" />
          </dl>
        ) : (
          // The containerd store: DISK USAGE = CONTENT SIZE + unpacked, as `docker image ls --tree` says it.
          <dl className="grid grid-cols-4 gap-x-6 text-right">
            <SizeFigure label="Disk usage" value={image.size} hint="content + unpacked" />
            <SizeFigure label="Content" value={image.contentSize} hint="compressed, as pulled" />
            <SizeFigure label="Unique" value={image.uniqueSize} hint="unpacked, this image only" />
            <SizeFigure label="Shared" value={image.sharedSize} hint="unpacked, with others" />
          </dl>
        )}
      </div>
      <dl className="mt-4 grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2">
        <Fact label="Image ID">
          <span className="break-all font-mono text-xs">{image.id}</span>
          <CopyButton value={image.id} label="Copy image ID" />
        </Fact>
        <Fact label="Created">
          <span title={formatDateTime(image.created)}>
            {formatRelative(image.created)} · {formatDateTime(image.created)}
          </span>
        </Fact>
        <Fact label="Platform">
          {image.os}/{image.architecture}
          {image.variant ? `/${image.variant}` : ''}
          {image.platforms.length > 1 && (
            <span className="text-slate-500">· this page; {image.platforms.length} platforms under Platforms</span>
          )}
        </Fact>
        <Fact label="Base OS">
          {image.baseOs === null ? (
            <a href="#packages" className="text-sky-700 hover:underline">
              not read yet: read the packages
            </a>
          ) : image.baseOs === 'none' ? (
            <span className="text-slate-500">none: no /etc/os-release in its layers (FROM scratch, or distroless)</span>
          ) : (
            <a href="#packages" className="hover:underline" title={`${baseOsLabel(image.baseOs)}: see its packages`}>
              {image.baseOs.prettyName}
            </a>
          )}
        </Fact>
        <Fact label="Layers">{image.layers.length}</Fact>
        {image.repoDigests.map((digest) => (
          <Fact key={digest} label="Repo digest">
            <span className="break-all font-mono text-xs">{digest}</span>
            <CopyButton value={digest} label={`Copy digest ${digest}`} />
          </Fact>
        ))}
        {image.repoDigests.length === 0 && (
          <Fact label="Repo digest">
            <span className="text-slate-500">none: this image was never pushed to or pulled from a registry</span>
          </Fact>
        )}
        {image.parent && (
          <Fact label="Parent">
            <span className="break-all font-mono text-xs">{image.parent}</span>
            {image.parentGone && (
              <span className="block text-xs text-slate-500">
                no longer on this engine: the intermediate image this one was built on was deleted (on the containerd image store a prune
                does that), so history shows its steps as &lt;missing&gt;
              </span>
            )}
          </Fact>
        )}
        {image.comment && <Fact label="Comment">{image.comment}</Fact>}
      </dl>
    </section>
  );
}

function SizeFigure({ label, value, hint }: { label: string; value: number; hint: string }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{formatBytes(value)}</dd>
      <dd className="text-xs text-slate-500">{hint}</dd>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <dt className="w-28 shrink-0 text-slate-500">{label}</dt>
      <dd className="flex min-w-0 items-center gap-1 text-slate-800">{children}</dd>
    </div>
  );
}
