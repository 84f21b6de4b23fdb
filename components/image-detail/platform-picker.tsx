'use client';
import type { ImagePlatform } from '@/lib/api/images';
import { SelectField } from '@/components/ui/fields';
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
      <SelectField
        id="platform-picker"
        label="Platform"
        labelClassName="font-medium text-slate-700"
        value={shown}
        onChange={onPick}
        options={platforms.map((platform) => ({
          value: formatPlatform(platform),
          label: `${formatPlatform(platform)} (${describe(platform)})`,
          disabled: !platform.available,
        }))}
        className="font-mono"
      />
      <span className="text-xs text-slate-600">Config, history, layers and files below are this platform’s.</span>
    </div>
  );
}
