import type { ImagePlatform } from '@/lib/api/images';
import { formatBytes, formatPlatform } from '@/lib/format';

export interface PlatformChipsProps {
  platforms: ImagePlatform[];
  /** Chips shown before "+N"; the rest are named in its title. */
  max?: number;
}

/** What a person hovering a platform wants to know: is it here, and how big. */
export function platformTitle(platform: ImagePlatform): string {
  const name = formatPlatform(platform);
  if (!platform.available) return `${name}: named by the image index, not on this engine`;
  const sizes = [
    platform.contentSize !== null ? `content ${formatBytes(platform.contentSize)}` : null,
    platform.unpackedSize === 0 ? 'not unpacked' : platform.unpackedSize !== null ? `unpacked ${formatBytes(platform.unpackedSize)}` : null,
  ].filter(Boolean);
  return sizes.length ? `${name}: ${sizes.join(', ')}` : name;
}

export function PlatformChips({ platforms, max = 3 }: PlatformChipsProps) {
  // Present platforms first: they are what can be run or inspected here.
  const ordered = [...platforms].sort((a, b) => Number(b.available) - Number(a.available));
  const shown = ordered.slice(0, max);
  const hidden = ordered.slice(max);
  const describe = (platform: ImagePlatform) => `${formatPlatform(platform)}${platform.available ? '' : ' (not on this engine)'}`;
  return (
    <ul aria-label={`Platforms: ${ordered.map(describe).join(', ')}`} className="flex min-w-0 items-center gap-1 overflow-hidden">
      {shown.map((platform) => (
        <li
          key={platform.id + formatPlatform(platform)}
          title={platformTitle(platform)}
          className={`whitespace-nowrap rounded px-1 font-mono text-[11px] leading-4 ring-1 ring-inset ${
            platform.available ? 'bg-white text-slate-600 ring-slate-200' : 'bg-slate-50 text-slate-400 ring-slate-100'
          }`}
        >
          {formatPlatform(platform)}
        </li>
      ))}
      {hidden.length > 0 && (
        <li title={hidden.map(platformTitle).join('\n')} className="whitespace-nowrap text-[11px] text-slate-500">
          +{hidden.length}
        </li>
      )}
    </ul>
  );
}
