// The engine's state straight from its socket (never through Strata): image IDs with their tags and
// digests, and containers. Two equal snapshots mean nothing was changed.
import { engineGet } from '../../tests/support/sandbox';

export function engineSnapshot(): string[] {
  const images = engineGet<{ Id: string; RepoTags: string[] | null; RepoDigests: string[] | null }[]>('/images/json?all=1');
  const containers = engineGet<{ Id: string; Names: string[]; Image: string; ImageID: string; State: string }[]>('/containers/json?all=1');
  return [
    ...images.map(
      (image) =>
        `image ${image.Id} tags=${[...(image.RepoTags ?? [])].sort().join(',')} digests=${[...(image.RepoDigests ?? [])].sort().join(',')}`,
    ),
    ...containers.map((c) => `container ${c.Id} ${c.Names.join(',')} image=${c.ImageID} state=${c.State}`),
  ].sort();
}

/** Lines in one snapshot and not the other: every one is an engine change. */
export function engineChanges(before: string[], after: string[]): string[] {
  const a = new Set(before);
  const b = new Set(after);
  return [
    ...before.filter((line) => !b.has(line)).map((line) => `- ${line}`),
    ...after.filter((line) => !a.has(line)).map((line) => `+ ${line}`),
  ];
}
