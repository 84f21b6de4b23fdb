// Runs on its own sandbox engine (scripts/test.sh starts it), classic or containerd store: a real
// `prune -a` leaves little behind. The point: the dry run lists exactly what then goes, whether Strata
// or the engine's own /images/prune does the deleting, and the bytes are the drop in LayersSize.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PruneResponse } from '@/lib/api/prune';
import { prune } from '@/lib/docker/prune/run';
import { StrataError } from '@/lib/api/errors';
import {
  buildImage,
  docker,
  imageExists as exists,
  engineGet,
  enginePost,
  privateBase,
  requireSandbox,
  sandboxStore,
} from '../support/sandbox';

const ids = (list: { id: string }[]) => list.map((item) => item.id).sort();
const layersSize = () => engineGet<{ LayersSize: number }>('/system/df').LayersSize;
/** Every image ID, intermediates included. */
const allImages = () => new Set(docker('image', 'ls', '-a', '-q', '--no-trunc').split('\n').filter(Boolean));
const gone = (before: Set<string>) => {
  const after = allImages();
  return [...before].filter((id) => !after.has(id)).sort();
};
const containers: string[] = [];
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
let store: 'classic' | 'containerd' = 'classic';

/**
 * Images of one test's own, all labelled strata.test=NAME (so a label filter scopes a prune to them):
 * a tagged app, a rebuilt tag (a dangling image and its ENV intermediate), a protected image and an image
 * a stopped container uses, with a second tag. With `split`, the rebuild and a second app come after a
 * cutoff returned for `until`: the dangling image was built before it but lost its tag after it.
 */
function scenario(name: string, split = false) {
  const label = `strata.test=${name}`;
  const from = `FROM strata-fixture/base:1\nLABEL ${label}\n`;
  const repo = `strata-t/${name}`;
  const made = {
    label,
    app: buildImage(`${repo}-app:1`, `${from}RUN echo app ${name} > /a\n`),
    old: buildImage(`${repo}-dev:1`, `${from}ENV V=1\nRUN echo dev 1 ${name} > /d\n`),
    keep: buildImage(`${repo}-keep:1`, `${from}LABEL strata.keep=true\nRUN echo keep ${name} > /k\n`),
    used: buildImage(`${repo}-used:1`, `${from}RUN echo used ${name} > /u\n`),
    cutoff: undefined as Date | undefined,
    late: null as string | null,
  };
  docker('tag', `${repo}-used:1`, `${repo}-used:extra`);
  const container = `strata-t-${name}`;
  docker('create', '--network', 'none', '--name', container, `${repo}-used:1`, 'true');
  containers.push(container);
  if (split) {
    sleep(1500);
    made.cutoff = new Date();
    sleep(1500);
    made.late = buildImage(`${repo}-late:1`, `${from}RUN echo late ${name} > /l\n`);
  }
  buildImage(`${repo}-dev:1`, `${from}ENV V=2\nRUN echo dev 2 ${name} > /d\n`);
  return made;
}

interface EngineAnswer {
  ImagesDeleted: { Untagged?: string; Deleted?: string }[] | null;
}

/** The engine's own prune, with `label!=strata.keep` (key only: right on both stores). */
function enginePrune(filters: Record<string, string[]>): EngineAnswer {
  return enginePost<EngineAnswer>(`/images/prune?filters=${encodeURIComponent(JSON.stringify({ ...filters, 'label!': ['strata.keep'] }))}`);
}
const tagsOf = (preview: PruneResponse) =>
  [...preview.images.flatMap((image) => image.repoTags), ...preview.keep.flatMap((image) => image.untags)].sort();

/** A real prune by Strata: exactly the previewed images go, and LayersSize drops by the previewed bytes. */
async function applyAndCheck(request: Omit<Parameters<typeof prune>[0], 'dryRun'>) {
  const preview = await prune({ ...request, dryRun: true });
  expect(preview.bytes?.exact).toBe(true);
  const before = allImages();
  const disk = layersSize();
  const applied = await prune({ ...request, dryRun: false, expect: ids(preview.images) });
  expect(applied.result?.differences).toEqual([]);
  expect(applied.result?.matchesPreview).toBe(true);
  expect(gone(before)).toEqual(ids(preview.images));
  expect([...applied.result!.deletedImages].sort()).toEqual(ids(preview.images));
  expect([...applied.result!.untagged].sort()).toEqual(tagsOf(preview));
  expect(disk - layersSize()).toBe(preview.spaceReclaimed);
  expect(applied.spaceReclaimed).toBe(preview.spaceReclaimed);
  console.log(
    `[prune ${store}] ${request.target}${request.until ? ' until' : ''}${request.labels ? ' label' : ''}: ${preview.images.length} images, ${preview.spaceReclaimed} bytes (LayersSize ${disk} → ${disk - preview.spaceReclaimed})`,
  );
  return { preview, applied };
}

describe('prune on the sandbox engine', () => {
  beforeAll(() => {
    requireSandbox();
    store = sandboxStore();
    // A protected image, two more dangling rebuilds, and a second tag on the image a container uses.
    buildImage('strata-prune/keep:1', 'FROM strata-fixture/base:1\nLABEL strata.keep=true\nRUN echo keep > /keep\n');
    for (const n of [1, 2, 3]) buildImage('strata-prune/rebuild:1', `FROM strata-fixture/base:1\nRUN echo ${n} > /n\n`);
    docker('tag', 'strata-fixture/used:1', 'strata-prune/used:extra');
  }, 120_000);

  afterAll(() => {
    for (const container of containers) {
      try {
        docker('rm', '-f', container);
      } catch {
        // already gone
      }
    }
  });

  it('a chosen subset: only those go, exactly as previewed', async () => {
    const first = buildImage('strata-prune/subset:1', 'FROM strata-fixture/base:1\nRUN echo subset-1 > /s\n');
    buildImage('strata-prune/subset:1', 'FROM strata-fixture/base:1\nRUN echo subset-2 > /s\n');
    const others = docker('image', 'ls', '-q', '--no-trunc', '--filter', 'dangling=true')
      .split('\n')
      .filter((id) => id && id !== first);
    const preview = await prune({ target: 'dangling', dryRun: true, only: [first] });
    expect(ids(preview.images)).toEqual([first]);
    const before = layersSize();
    const applied = await prune({ target: 'dangling', dryRun: false, only: [first] });
    expect(applied.result).toMatchObject({ matchesPreview: true, deletedImages: [first] });
    expect(before - layersSize()).toBe(preview.spaceReclaimed);
    expect(exists(first)).toBe(false);
    for (const id of others) expect(exists(id)).toBe(true);
    // Two builds, a preview that reads the going image's export (containerd store) and the apply: like the others, more than 30 s on a busy machine.
  }, 120_000);

  it('refuses to run when what would be deleted is no longer what was confirmed', async () => {
    const preview = await prune({ target: 'dangling', dryRun: true });
    buildImage('strata-prune/late:1', 'FROM strata-fixture/base:1\nRUN echo late-1 > /l\n');
    buildImage('strata-prune/late:1', 'FROM strata-fixture/base:1\nRUN echo late-2 > /l\n');
    await expect(prune({ target: 'dangling', dryRun: false, expect: ids(preview.images) })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('the engine’s own dangling prune (label filter) deletes exactly the preview, and LayersSize drops by its bytes', async () => {
    const made = scenario(`ed${Date.now()}`);
    const preview = await prune({ target: 'dangling', dryRun: true, labels: [made.label] });
    expect(ids(preview.images)).toContain(made.old);
    // The intermediates each store takes: the containerd store also those of images that stay tagged.
    const intermediates = preview.images.filter((image) => image.reason.startsWith('Intermediate'));
    expect(intermediates.length).toBe(store === 'containerd' ? 3 : 1);
    expect(preview.keep.map((item) => item.reason).join()).toMatch(store === 'containerd' ? /strata.keep=true/ : /^$/);
    const before = allImages();
    const disk = layersSize();
    const answer = enginePrune({ dangling: ['true'], label: [made.label] });
    const deleted = (answer.ImagesDeleted ?? [])
      .flatMap((entry) => (entry.Deleted && before.has(entry.Deleted) ? [entry.Deleted] : []))
      .sort();
    expect(deleted).toEqual(ids(preview.images));
    expect(gone(before)).toEqual(ids(preview.images));
    expect(disk - layersSize()).toBe(preview.spaceReclaimed);
  }, 120_000);

  it('the engine’s own prune -a (until and a label filter) deletes exactly the preview and removes the previewed tags', async () => {
    const made = scenario(`eu${Date.now()}`, true);
    const preview = await prune({ target: 'unused', dryRun: true, until: made.cutoff, labels: [made.label] });
    expect(ids(preview.images)).toContain(made.app);
    expect(ids(preview.images)).not.toContain(made.late);
    // Built before the cutoff, untagged after it: older on the classic store (image created), newer on
    // the containerd store (the dangling record was made when the tag moved).
    expect(ids(preview.images).includes(made.old)).toBe(store === 'classic');
    const before = allImages();
    const disk = layersSize();
    const answer = enginePrune({ dangling: ['false'], label: [made.label], until: [String(made.cutoff!.getTime() / 1000)] });
    const entries = answer.ImagesDeleted ?? [];
    expect(entries.flatMap((entry) => (entry.Deleted && before.has(entry.Deleted) ? [entry.Deleted] : [])).sort()).toEqual(
      ids(preview.images),
    );
    expect(
      entries
        .flatMap((entry) =>
          entry.Untagged && /:[\w.-]+$/.test(entry.Untagged) && !entry.Untagged.startsWith('sha256:') ? [entry.Untagged] : [],
        )
        .sort(),
    ).toEqual(tagsOf(preview));
    expect(disk - layersSize()).toBe(preview.spaceReclaimed);
  }, 120_000);

  it('a real dangling prune with a label filter: a protected image and a container’s image stay', async () => {
    const made = scenario(`sd${Date.now()}`);
    const { preview } = await applyAndCheck({ target: 'dangling', labels: [made.label] });
    expect(ids(preview.images)).toContain(made.old);
    for (const id of [made.app, made.keep, made.used]) expect(exists(id)).toBe(true);
  }, 120_000);

  it('a real dangling prune with until and a label filter', async () => {
    const made = scenario(`su${Date.now()}`, true);
    const { preview } = await applyAndCheck({ target: 'dangling', until: made.cutoff, labels: [made.label] });
    expect(ids(preview.images).includes(made.old)).toBe(store === 'classic');
    expect(exists(made.late!)).toBe(true);
  }, 120_000);

  it('a real prune -a with a label filter: the container keeps its image and one tag, the protected image all', async () => {
    const made = scenario(`sa${Date.now()}`);
    const { preview } = await applyAndCheck({ target: 'unused', labels: [made.label] });
    expect(ids(preview.images)).toEqual(expect.arrayContaining([made.app, made.old]));
    const repo = `strata-t/${made.label.slice('strata.test='.length)}`;
    // classic removes tags in lexical order of full names and refuses the last; containerd keeps the
    // tag the container was created from.
    expect(exists(`${repo}-used:1`)).toBe(store === 'containerd');
    expect(exists(`${repo}-used:extra`)).toBe(store === 'classic');
    expect(exists(`${repo}-keep:1`)).toBe(true);
  }, 120_000);

  it('a real prune -a with until and a label filter', async () => {
    const made = scenario(`sb${Date.now()}`, true);
    const { preview } = await applyAndCheck({ target: 'unused', until: made.cutoff, labels: [made.label] });
    expect(ids(preview.images)).toContain(made.app);
    expect(exists(made.late!)).toBe(true);
  }, 120_000);

  it('dangling: the preview is exactly what goes, and the bytes agree with /system/df', async () => {
    // Sorted: the engine lists images made in the same second in no fixed order.
    const danglingNow = () => docker('image', 'ls', '-q', '--no-trunc', '--filter', 'dangling=true').split('\n').filter(Boolean).sort();
    const dangling = danglingNow();
    expect(dangling.length).toBeGreaterThanOrEqual(4);
    const preview = await prune({ target: 'dangling', dryRun: true });
    expect(ids(preview.images)).toEqual(expect.arrayContaining(dangling));
    expect(preview.spaceReclaimed).toBeGreaterThan(0);
    // A dry run changes nothing.
    expect(danglingNow()).toEqual(dangling);
    await applyAndCheck({ target: 'dangling' });
    expect(exists('strata-fixture/used:1') && exists('strata-prune/keep:1')).toBe(true);
  }, 120_000);

  it('unused (prune -a): two at once do not both run, and the one that runs matches its preview', async () => {
    const preview = await prune({ target: 'unused', dryRun: true });
    const keptByTag = (tag: string) => preview.keep.find((item) => item.repoTags.includes(tag));
    const kept: Record<string, ReturnType<typeof keptByTag>> = Object.fromEntries(
      ['strata-prune/keep:1', 'strata-fixture/used:1', 'strata-fixture/base:1'].map((tag) => [tag, keptByTag(tag)]),
    );
    expect(kept['strata-prune/keep:1']?.reason).toMatch(/strata.keep=true/);
    const base =
      store === 'classic'
        ? kept['strata-fixture/base:1']
        : preview.images.find((image) => image.repoTags.includes('strata-fixture/base:1'));
    expect(base).toBeDefined();
    if (store === 'classic') {
      expect(kept['strata-fixture/used:1']?.reason).toBe('Used by container strata-fixture-used (stopped).');
      expect(kept['strata-fixture/used:1']?.untags).toEqual(['strata-fixture/used:1']);
      expect(kept['strata-fixture/base:1']?.untags).toEqual(['strata-fixture/base:1']);
    } else {
      expect(kept['strata-fixture/used:1']?.reason).toBe(
        'Used by container strata-fixture-used (stopped): it keeps strata-fixture/used:1.',
      );
      expect(kept['strata-fixture/used:1']?.untags).toEqual(['strata-prune/used:extra']);
    }

    const before = layersSize();
    const images = allImages();
    const [first, second] = await Promise.allSettled([
      prune({ target: 'unused', dryRun: false }),
      prune({ target: 'unused', dryRun: false }),
    ]);
    const outcomes = [first, second];
    const done = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const reason = (refused[0] as PromiseRejectedResult).reason as StrataError;
    expect(reason.code).toBe('conflict');
    expect(reason.message).toMatch(/A prune is already running/);

    const applied = (done[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof prune>>>).value;
    expect(applied.result?.differences).toEqual([]);
    expect([...applied.result!.deletedImages].sort()).toEqual(ids(preview.images));
    expect(gone(images)).toEqual(ids(preview.images));
    expect(before - layersSize()).toBe(applied.spaceReclaimed);
    expect(applied.spaceReclaimed).toBe(preview.spaceReclaimed);
    console.log(
      `[prune ${store}] prune -a of everything: ${preview.images.length} images, ${preview.spaceReclaimed} bytes (LayersSize ${before} → ${before - applied.spaceReclaimed})`,
    );
    // Kept as predicted: the container's image keeps one tag (which one depends on the store).
    expect(exists('strata-prune/used:extra')).toBe(store === 'classic');
    expect(exists('strata-fixture/used:1')).toBe(store === 'containerd');
    expect(exists('strata-prune/keep:1')).toBe(true);
    expect(exists('strata-fixture/base:1')).toBe(false);
    // The classic store keeps the base the container's image is built on, untagged; containerd deletes it.
    expect(exists(base!.id)).toBe(store === 'classic');
  }, 120_000);

  // After `prune -a` of everything, so that a prune with `until` alone (no label to scope it) takes only
  // what these build. On a base of their own: the fixtures' base went with that prune.
  it('a real dangling prune with until alone: a protected dangling image and one a stopped container uses stay', async () => {
    const repo = `strata-pu/d${Date.now()}`;
    const from = `FROM ${privateBase(`${repo}-base:1`)}\n`;
    const rebuilt = (tag: string, body: string) => {
      const first = buildImage(tag, `${from}${body} 1 > /x\n`);
      buildImage(tag, `${from}${body} 2 > /x\n`);
      return first;
    };
    const keep = rebuilt(`${repo}-keep:1`, 'LABEL strata.keep=true\nRUN echo keep');
    const used = buildImage(`${repo}-used:1`, `${from}RUN echo used 1 > /x\n`);
    const container = `strata-pu-${Date.now()}`;
    docker('create', '--network', 'none', '--name', container, `${repo}-used:1`, 'true');
    containers.push(container);
    buildImage(`${repo}-used:1`, `${from}RUN echo used 2 > /x\n`);
    const old = rebuilt(`${repo}-old:1`, 'RUN echo old');
    sleep(1500);
    const cutoff = new Date();
    sleep(1500);
    const late = rebuilt(`${repo}-late:1`, 'RUN echo late');
    const { preview } = await applyAndCheck({ target: 'dangling', until: cutoff });
    expect(ids(preview.images)).toContain(old);
    expect(ids(preview.images)).not.toContain(late);
    expect(preview.keep.find((item) => item.id === keep)?.reason).toMatch(/strata.keep=true/);
    expect(preview.keep.find((item) => item.id === used)?.reason).toMatch(/^Used by container strata-pu-/);
    for (const id of [keep, used, late]) expect(exists(id)).toBe(true);
  }, 180_000);

  it('a real prune -a with until alone: the protected image, a stopped container’s image and what is newer stay', async () => {
    const repo = `strata-pu/a${Date.now()}`;
    const from = `FROM ${privateBase(`${repo}-base:1`)}\n`;
    const app = buildImage(`${repo}-app:1`, `${from}RUN echo app > /x\n`);
    const keep = buildImage(`${repo}-keep:1`, `${from}LABEL strata.keep=true\nRUN echo keep > /x\n`);
    const used = buildImage(`${repo}-used:1`, `${from}RUN echo used > /x\n`);
    const container = `strata-pa-${Date.now()}`;
    docker('create', '--network', 'none', '--name', container, `${repo}-used:1`, 'true');
    containers.push(container);
    sleep(1500);
    const cutoff = new Date();
    sleep(1500);
    const late = buildImage(`${repo}-late:1`, `${from}RUN echo late > /x\n`);
    const { preview } = await applyAndCheck({ target: 'unused', until: cutoff });
    expect(ids(preview.images)).toContain(app);
    for (const id of [keep, used, late]) expect(ids(preview.images)).not.toContain(id);
    expect(preview.keep.find((item) => item.id === keep)?.reason).toMatch(/strata.keep=true/);
    expect(preview.keep.find((item) => item.id === used)?.reason).toMatch(/^Used by container strata-pa-/);
    for (const id of [keep, used, late]) expect(exists(id)).toBe(true);
    expect(exists(app)).toBe(false);
  }, 180_000);

  it('refuses a malformed age with a 400-class error before touching anything', async () => {
    const { pruneRequestSchema } = await import('@/lib/api/prune');
    expect(() => pruneRequestSchema.parse({ target: 'unused', until: 'last tuesday' })).toThrow(/not an age/);
    expect(pruneRequestSchema.parse({ target: 'dangling', until: '24h' }).dryRun).toBe(true);
  });
});
