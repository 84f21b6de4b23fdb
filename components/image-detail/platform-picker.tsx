'use client';
import type { ImagePlatform } from '@/lib/api/images';
import { formatBytes, formatPlatform } from '@/lib/format';

export interface PlatformPickerProps {
  platforms: ImagePlatform[];
  /** The platform the page shows now (`linux/arm64`). */
  shown: string;
  onPick: (platform: string) => void;
}

const describe = (platform: ImagePlatform) =>
  !platform.available
    ? 'not on this engine'
    : platform.unpackedSize === 0
      ? `stored, not unpacked · ${formatBytes(platform.contentSize ?? 0)}`
      : formatBytes((platform.contentSize ?? 0) + (platform.unpackedSize ?? 0));

/**
 * Which platform of a multi-platform image the page shows: its config, history, layers and files.
 * Only for images with several platforms; a platform whose content is not here cannot be picked.
 */
export function PlatformPicker({ platforms, shown, onPick }: PlatformPickerProps) {
  if (platforms.length < 2) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-1.5 text-sm">
      <label htmlFor="platform-picker" className="font-medium text-slate-700">
        Platform
      </label>
      <select
        id="platform-picker"
        value={shown}
        onChange={(event) => onPick(event.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm"
      >
        {platforms.map((platform) => (
          <option key={platform.id} value={formatPlatform(platform)} disabled={!platform.available}>
            {formatPlatform(platform)} ({describe(platform)})
          </option>
        ))}
      </select>
      <span className="text-xs text-slate-600">Config, history, layers and files below are this platform’s.</span>
    </div>
  );
}
