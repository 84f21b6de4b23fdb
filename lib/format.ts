// Numbers and dates a person reads, formatted in one place. Bytes follow `docker image ls`:
// decimal units (1 kB = 1000 B) with three significant digits, e.g. 7.38MB.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${Math.round(bytes)}B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  let digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  // 999,999 B is "1MB", not "1000kB": rounding may reach the next unit.
  if (Number(value.toFixed(digits)) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
    digits = 2;
  }
  return `${Number(value.toFixed(digits))}${UNITS[unit]}`;
}

/** `linux/arm/v7`, as `docker image ls --tree` names a platform. */
export function formatPlatform(platform: { os: string; architecture: string; variant: string | null }): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 minutes ago", "2 months ago", like the Docker CLI's CREATED column. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return 'unknown';
  const seconds = Math.round((now.getTime() - then) / 1000);
  if (seconds < 0) return 'in the future';
  if (seconds < 45) return 'just now';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'} ago`;
  // Round first, then pick the unit, so 59.5 minutes reads "1 hour ago", not "60 minutes ago".
  const minutes = Math.max(1, Math.round(seconds / MINUTE));
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.round(seconds / HOUR);
  if (hours < 24) return plural(hours, 'hour');
  const days = Math.round(seconds / DAY);
  if (days < 30) return plural(days, 'day');
  const months = Math.round(seconds / (30 * DAY));
  if (months < 12) return plural(months, 'month');
  return plural(Math.max(1, Math.round(seconds / (365 * DAY))), 'year');
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'unknown';
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  const pct = (part / whole) * 100;
  if (pct > 0 && pct < 0.1) return '<0.1%';
  return `${pct < 10 && pct > 0 ? pct.toFixed(1) : Math.round(pct)}%`;
}
