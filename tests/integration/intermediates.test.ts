// Legacy-build intermediates on both image stores: hidden from the list as `docker image ls` hides them,
// listed (and marked) as `docker image ls -a` lists them, named in history while they exist, and what
// the engine's own dangling prune does to them (the containerd store takes them even while the image
// built on them keeps its tag; history then says <missing> below the image, the base's step included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getGraph } from '@/lib/docker/history/graph';
import { getHistory } from '@/lib/docker/history/timeline';
import { getImageDetail, listImages } from '@/lib/docker/images/list';
import { prune } from '@/lib/docker/prune/run';
import { buildImage, docker, enginePost, imageExists, requireSandbox, sandboxStore } from '../support/sandbox';

const name = `strata-i/probe-${Date.now()}`;
const label = `strata.test=${name.slice('strata-i/'.length)}`;
const tag = `${name}:1`;
const cli = (...args: string[]) =>
  new Set(
    docker('image', 'ls', '-q', '--no-trunc', ...args)
      .split('\n')
      .filter(Boolean),
  );
let id = '';
/** Its intermediates, newest first: the LABEL step and the first RUN (FROM is the tagged base). */
let steps: string[] = [];

describe('legacy-build intermediates on the sandbox engine', () => {
  beforeAll(() => {
    requireSandbox();
    id = buildImage(tag, `FROM strata-fixture/base:1\nLABEL ${label}\nRUN echo a > /a\nRUN echo b > /b\n`);
    steps = [docker('image', 'inspect', '--format', '{{.Parent}}', tag)];
    steps.push(docker('image', 'inspect', '--format', '{{.Parent}}', steps[0]!));
  }, 60_000);

  afterAll(() => {
    docker('rmi', '-f', tag);
  });

  it('the list leaves them out like docker image ls, and with intermediates lists them like -a', async () => {
    const plain = await listImages();
    const all = await listImages({ intermediates: true });
    expect(new Set(plain.images.map((image) => image.id))).toEqual(cli());
    expect(new Set(all.images.map((image) => image.id))).toEqual(cli('-a'));
    const marked = all.images.filter((image) => image.intermediate);
    expect(new Set(marked.map((image) => image.id))).toEqual(new Set([...cli('-a')].filter((listed) => !cli().has(listed))));
    expect(marked.map((image) => image.id)).toEqual(expect.arrayContaining(steps));
    expect(all.totals.intermediates).toBe(marked.length);
    for (const image of marked) expect(image).toMatchObject({ repoTags: [], dangling: false });
    // The images docker image ls shows keep their numbers when the intermediates are shown too.
    const byId = new Map(plain.images.map((image) => [image.id, image]));
    for (const image of all.images.filter((listed) => !listed.intermediate)) expect(image).toEqual(byId.get(image.id));
    expect(all.totals.diskUsed).toBe(plain.totals.diskUsed);
    // The first -a list reads every intermediate's layers (an export each where the API is ambiguous).
  }, 180_000);

  it('history names each step’s intermediate image, and the graph with intermediates links through them', async () => {
    const history = await getHistory(tag);
    const newestFirst = [...history.steps].reverse();
    expect(newestFirst[0]!.imageId).toBe(id);
    expect(newestFirst.slice(1, 3).map((step) => step.imageId)).toEqual(steps);
    expect(newestFirst.slice(1, 3).map((step) => step.tags)).toEqual([[], []]);
    expect(newestFirst[3]!.tags).toContain('strata-fixture/base:1');
    const graph = await getGraph({ intermediates: true });
    expect(graph.images.find((image) => image.id === id)?.parent).toBe(steps[0]);
    expect(graph.images.find((image) => image.id === steps[0])).toMatchObject({ intermediate: true, parent: steps[1] });
    const base = docker('image', 'inspect', '--format', '{{.Id}}', 'strata-fixture/base:1');
    expect((await getGraph()).images.find((image) => image.id === id)?.parent).toBe(base);
  });

  it('the cleanup preview says why each intermediate goes, as each store’s prune would take it', async () => {
    const dangling = await prune({ target: 'dangling', dryRun: true, labels: [label] });
    const unused = await prune({ target: 'unused', dryRun: true, labels: [label] });
    const reasons = (preview: typeof dangling) => new Map(preview.images.map((image) => [image.id, image.reason]));
    if (sandboxStore() === 'containerd') {
      expect([...reasons(dangling).keys()].sort()).toEqual([...steps].sort());
      for (const step of steps) {
        expect(reasons(dangling).get(step)).toBe(
          `Intermediate of a legacy build of ${tag}: the containerd image store prunes every untagged image, even while ${tag} keeps its tag.`,
        );
        expect(reasons(unused).get(step)).toBe(
          `Intermediate of a legacy build of ${tag}: the containerd image store prunes every untagged image.`,
        );
      }
    } else {
      expect(dangling.images).toEqual([]);
      for (const step of steps)
        expect(reasons(unused).get(step)).toBe(`Intermediate of a legacy build of ${tag}: the engine deletes it with that image.`);
    }
    expect(reasons(unused).get(id)).toBe('No container uses it.');
  });

  it('after the engine’s own dangling prune: gone with <missing> history on the containerd store, untouched on the classic one', async () => {
    const filters = encodeURIComponent(JSON.stringify({ dangling: ['true'], label: [label] }));
    enginePost(`/images/prune?filters=${filters}`);
    const containerd = sandboxStore() === 'containerd';
    for (const step of steps) expect(imageExists(step)).toBe(!containerd);
    const history = await getHistory(tag);
    const below = [...history.steps].reverse().slice(1);
    // Every step under the image loses its ID there, the still-tagged base's too.
    expect(below.map((step) => step.imageId === null)).toEqual(below.map(() => containerd));
    const detail = await getImageDetail(tag);
    expect(detail.parent).toBe(steps[0]);
    expect(detail.parentGone ?? false).toBe(containerd);
    // The graph still finds what it was built FROM.
    const base = docker('image', 'inspect', '--format', '{{.Id}}', 'strata-fixture/base:1');
    expect((await getGraph()).images.find((image) => image.id === id)?.parent).toBe(base);
    expect((await listImages({ intermediates: true })).images.some((image) => steps.includes(image.id))).toBe(!containerd);
  }, 60_000);
});
