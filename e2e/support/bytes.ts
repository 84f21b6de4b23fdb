// The byte figures a spec expects on the page, worked out here from the engine's own numbers and never
// with the app's formatter, so a wrong formatBytes cannot agree with itself. The rule is the one
// lib/format.ts documents (as `docker image ls` prints sizes): decimal units, 1 kB = 1000 B, three
// significant digits with trailing zeros dropped, no space before the unit: 512B, 1.01kB, 7.38MB, 1GB.
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

export function bytesText(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 0) throw new Error(`not a byte count: ${bytes}`);
  if (bytes < 1000) return `${bytes}B`;
  let unit = 1;
  while (unit < UNITS.length - 1 && bytes >= 1000 ** (unit + 1)) unit += 1;
  let digits = Number((bytes / 1000 ** unit).toPrecision(3));
  // 999,999 B rounds to 1000 kB: that is 1 MB.
  if (digits >= 1000 && unit < UNITS.length - 1) {
    unit += 1;
    digits = Number((bytes / 1000 ** unit).toPrecision(3));
  }
  return `${digits}${UNITS[unit]}`;
}
