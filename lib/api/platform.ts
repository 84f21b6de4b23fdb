// A platform as a person types it and a URL carries it: `os/architecture[/variant]` (linux/arm64,
// linux/arm/v7). Strict on purpose: it goes to the engine (JSON for inspect, history and export; the
// string for pull), so nothing but lowercase OCI-style words gets there.
import { z } from '@/lib/api/zod';

export interface PlatformSpec {
  os: string;
  architecture: string;
  variant: string | null;
}

// One component: what OCI platforms use (amd64, arm64, ppc64le, 386, v7, windows…), at most 32 characters.
const COMPONENT = '[a-z0-9]+(?:[._-][a-z0-9]+)*';
const PLATFORM = new RegExp(`^(${COMPONENT})/(${COMPONENT})(?:/(${COMPONENT}))?$`);
const MAX_COMPONENT = 32;

export type PlatformParse = { ok: true; platform: PlatformSpec } | { ok: false; message: string };

export function parsePlatform(raw: string): PlatformParse {
  const match = PLATFORM.exec(raw);
  const parts = match ? [match[1]!, match[2]!, match[3]] : [];
  if (!match || parts.some((part) => part !== undefined && part.length > MAX_COMPONENT)) {
    return {
      ok: false,
      message: `“${raw.slice(0, 80)}” is not a platform: write os/architecture[/variant] in lowercase, e.g. linux/arm64 or linux/arm/v7.`,
    };
  }
  return { ok: true, platform: { os: parts[0]!, architecture: parts[1]!, variant: parts[2] ?? null } };
}

export const platformString = (platform: PlatformSpec): string =>
  [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');

export const samePlatform = (a: PlatformSpec, b: PlatformSpec): boolean =>
  a.os === b.os && a.architecture === b.architecture && (a.variant ?? null) === (b.variant ?? null);

/** `?platform=` or a body's `platform`: parsed, or a 400 that shows the expected form. */
export const platformParam = z.string().transform((raw, ctx) => {
  const parsed = parsePlatform(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.platform;
});

/** The optional `platform` query of the image routes (detail, history, analysis, layer files). */
export const platformQuery = z.object({ platform: platformParam.optional() });

/** Reads `?platform=` from a request URL; absent → null. */
export function platformOf(req: Request): PlatformSpec | null {
  const value = new URL(req.url).searchParams.get('platform');
  return value === null ? null : (platformQuery.parse({ platform: value }).platform ?? null);
}
