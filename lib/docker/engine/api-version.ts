// Pure version arithmetic, kept apart from the client so it can be tested without an engine.

/** The newest Engine API whose shapes lib/docker's mappers know. Newer engines accept it too. */
export const NEWEST_KNOWN_API = '1.53';

export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor === bMajor ? aMinor - bMinor : aMajor - bMajor;
}

/**
 * The version to speak: the engine's highest if we know it, else the newest we know — unless the
 * engine's minimum is above that, in which case only the engine's minimum will be accepted.
 */
export function negotiateApiVersion(engineMax: string, engineMin: string, newestKnown = NEWEST_KNOWN_API): string {
  const candidate = compareApiVersions(engineMax, newestKnown) <= 0 ? engineMax : newestKnown;
  return compareApiVersions(candidate, engineMin) < 0 ? engineMin : candidate;
}
