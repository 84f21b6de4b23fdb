import type { ImagePlatform } from '@/lib/api/images';
import { Badge } from '@/components/ui/badge';
import { formatBytes, formatPlatform, shortId } from '@/lib/format';

export interface PlatformsSectionProps {
  platforms: ImagePlatform[];
}

// Content and unpacked are the two sizes of the containerd store (— where the engine gives none).
const COLUMNS = [
  { label: 'Platform', numeric: false },
  { label: 'Manifest', numeric: false },
  { label: 'Content', numeric: true },
  { label: 'Unpacked', numeric: true },
  { label: 'Here', numeric: false },
];

export function PlatformsSection({ platforms }: PlatformsSectionProps) {
  const multi = platforms.length > 1;
  return (
    <section aria-labelledby="platforms-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="platforms-heading" className="text-base font-semibold">
        Platforms
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {multi
          ? 'A multi-platform image: one index, a manifest per platform. Content is the stored (compressed) blobs; unpacked is the filesystem made from them, only for platforms this engine unpacked.'
          : 'A single-platform image.'}
      </p>
      <table className="mt-3 w-full text-sm">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            {COLUMNS.map(({ label, numeric }) => (
              <th key={label} scope="col" className={`py-1 pr-3 font-medium ${numeric ? 'text-right' : ''}`}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {platforms.map((platform) => (
            <tr
              key={platform.id + formatPlatform(platform)}
              className={`border-t border-slate-100 ${platform.available ? '' : 'text-slate-400'}`}
            >
              <th scope="row" className="py-1.5 pr-3 text-left font-mono text-xs font-normal">
                {formatPlatform(platform)}
              </th>
              <td className="py-1.5 pr-3 font-mono text-xs" title={platform.id}>
                {shortId(platform.id)}
              </td>
              {[platform.contentSize, platform.unpackedSize].map((size, i) => (
                <td key={i} className="py-1.5 pr-3 text-right tabular-nums">
                  {size === null ? '—' : formatBytes(size)}
                </td>
              ))}
              <td className="py-1.5">
                {!platform.available ? (
                  <Badge title="The index names this platform, but its content is not on this engine">not here</Badge>
                ) : platform.unpackedSize === 0 ? (
                  <Badge tone="blue" title="The content is stored, but no filesystem was unpacked from it (not this engine's platform)">
                    content only
                  </Badge>
                ) : (
                  <Badge tone="green">available</Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
