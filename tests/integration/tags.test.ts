// Tag and delete actions through the real routes, checking the engine's state after each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as addTagRoute } from '@/app/api/images/[ref]/tags/route';
import { DELETE as deleteImageRoute } from '@/app/api/images/[ref]/route';
import { DELETE as removeTagRoute } from '@/app/api/tags/[ref]/route';
import { POST as bulkRoute } from '@/app/api/images/bulk/route';
import { POST as retagRoute } from '@/app/api/tags/retag/route';
import { buildImage, docker, engineStore, privateBase, requireSandbox } from '../support/sandbox';

const ctx = <P extends object = Record<string, never>>(params: P = {} as P) => ({ params: Promise.resolve(params) });
const at = (ref: string) => ctx({ ref });
const json = (body: unknown) =>
  new Request('http://localhost/x', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const del = (query = '') => new Request(`http://localhost/x${query}`, { method: 'DELETE' });
const idOf = (ref: string) => docker('image', 'inspect', '--format', '{{.Id}}', ref);
const exists = (ref: string) => {
  try {
    idOf(ref);
    return true;
  } catch {
    return false;
  }
};
const allTags = () => docker('image', 'ls', '--format', '{{.Repository}}:{{.Tag}}').split('\n').sort().join('\n');

const made: string[] = [];
function build(tag: string, marker: string): string {
  const id = buildImage(tag, `FROM strata-fixture/base:1\nRUN echo ${marker} > /marker\n`);
  made.push(tag, id);
  return id;
}

describe('tag and delete actions', () => {
  beforeAll(() => requireSandbox());
  afterAll(() => {
    const quietly = (...args: string[]) => {
      try {
        docker(...args);
      } catch {
        // already gone
      }
    };
    // The container first, or its image would only be untagged and stay behind, dangling.
    quietly('rm', '-f', 'strata-test-running');
    for (const ref of made) quietly('rmi', '-f', ref);
  });

  it('adds a tag, and the engine has it', async () => {
    const response = await addTagRoute(json({ ref: 'strata-test/added:v1' }), at('strata-fixture/web:1'));
    made.push('strata-test/added:v1');
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ tag: 'strata-test/added:v1', imageId: idOf('strata-fixture/web:1'), movedFrom: null });
    expect(idOf('strata-test/added:v1')).toBe(idOf('strata-fixture/web:1'));
  });

  it('moves a tag and says the image it left is now dangling', async () => {
    const first = build('strata-test/moving:1', 'first');
    const second = build('strata-test/other:1', 'second');
    const response = await addTagRoute(json({ ref: 'strata-test/moving:1' }), at(second));
    expect(await response.json()).toMatchObject({
      tag: 'strata-test/moving:1',
      imageId: second,
      movedFrom: { id: first, becameDangling: true },
    });
    expect(idOf('strata-test/moving:1')).toBe(second);
    expect(docker('image', 'inspect', '--format', '{{len .RepoTags}}', first)).toBe('0');
    made.push(first);
  });

  it('refuses malformed references with 400 and changes nothing', async () => {
    const before = allTags();
    for (const ref of ['Upper/Case:1', 'a..b:1', `app:${'t'.repeat(129)}`, 'app:-x', `app@sha256:${'a'.repeat(64)}`, '', 'a'.repeat(64)]) {
      const response = await addTagRoute(json({ ref }), at('strata-fixture/web:1'));
      expect(response.status, ref).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_reference');
    }
    // The other routes that take a tag refuse the same way.
    for (const ref of ['Upper/Case:1', 'a..b:1']) {
      expect((await removeTagRoute(del(), at(ref))).status, ref).toBe(400);
    }
    // A pattern that cannot become a valid tag is refused whole, before anything is planned.
    const badRetag = await retagRoute(json({ from: 'strata-fixture/web:*', to: 'Bad/Upper:*', dryRun: false }), ctx());
    expect(badRetag.status).toBe(400);
    expect((await badRetag.json()).error.code).toBe('invalid_reference');
    const notJson = await addTagRoute(new Request('http://localhost/x', { method: 'POST', body: 'ref=a:b' }), at('strata-fixture/web:1'));
    expect(notJson.status).toBe(400);
    expect(allTags()).toBe(before);
  });

  it('decodes a tag once: a double-encoded delete acts on nothing, and the audit says what it refused', async () => {
    build('sec/target:1', `double-${Date.now()}`);
    // `DELETE /api/tags/sec%252Ftarget%3A1` reaches the route with its parameter decoded once.
    const response = await removeTagRoute(
      new Request('http://localhost/api/tags/sec%252Ftarget%3A1', { method: 'DELETE' }),
      at('sec%2Ftarget:1'),
    );
    expect(response.status).toBe(400);
    expect(exists('sec/target:1')).toBe(true);
  });

  it('removes a tag; removing the last tag of an unused image deletes the image', async () => {
    const id = build('strata-test/untag:a', 'untag');
    docker('tag', 'strata-test/untag:a', 'strata-test/untag:b');
    made.push('strata-test/untag:b');
    const first = await removeTagRoute(del(), at('strata-test/untag:a'));
    expect(await first.json()).toEqual({ untagged: ['strata-test/untag:a'], deletedImages: [], deletedLayers: 0 });
    expect(exists(id)).toBe(true);
    const last = await removeTagRoute(del(), at('strata-test/untag:b'));
    const body = await last.json();
    expect(body.untagged).toEqual(['strata-test/untag:b']);
    expect(body.deletedImages).toEqual([id]);
    expect(exists(id)).toBe(false);
  });

  it('explains every delete conflict with 409, names the container, and changes nothing', async () => {
    // A parent of its own with one child, so no store's answer can touch the fixtures' base.
    privateBase('strata-test/parent:1');
    const parent = idOf('strata-test/parent:1');
    const child = buildImage('strata-test/child:1', 'FROM strata-test/parent:1\nRUN echo child > /child\n');
    made.push('strata-test/child:1', child, 'strata-test/parent:1', parent);
    const cases: [string, string, boolean, RegExp][] = [
      [idOf('strata-fixture/used:1'), 'stopped_container', true, /Container strata-fixture-used \(stopped\)/],
      [idOf('strata-fixture/app:1.0'), 'multiple_tags', true, /several tags/],
    ];
    // Only the classic store refuses to delete an image others are built on.
    if (engineStore() === 'classic') cases.push([parent, 'child_images', false, /built on top of this one/]);
    const running = build('strata-test/running:1', 'running');
    docker('run', '-d', '--network', 'none', '--name', 'strata-test-running', 'strata-test/running:1', 'sleep', '120');
    cases.push([running, 'running_container', false, /Container strata-test-running is running/]);
    for (const [id, reason, canForce, message] of cases) {
      const before = allTags();
      const response = await deleteImageRoute(del(), at(id));
      expect(response.status, reason).toBe(409);
      const { error } = await response.json();
      expect(error).toMatchObject({ code: 'conflict', details: { reason, canForce } });
      expect(error.message).toMatch(message);
      expect(exists(id)).toBe(true);
      expect(allTags()).toBe(before);
    }
    // Removing the last tag of an image a container uses is refused, naming the container; forcing it
    // only untags: the image stays, untagged, for the container.
    const lastTag = await removeTagRoute(del(), at('strata-test/running:1'));
    expect(lastTag.status).toBe(409);
    const refusal = (await lastTag.json()).error;
    expect(refusal.details.reason).toBe('container_uses_tag');
    expect(refusal.message).toMatch(/container strata-test-running uses/);
    const forced = await removeTagRoute(del('?force=1'), at('strata-test/running:1'));
    expect(await forced.json()).toEqual({ untagged: ['strata-test/running:1'], deletedImages: [], deletedLayers: 0 });
    expect(exists(running)).toBe(true);
    expect(docker('image', 'inspect', '--format', '{{len .RepoTags}}', running)).toBe('0');

    // The containerd store deletes a parent when asked: its tag and its own record go, and the child,
    // whose manifest holds every layer it needs, still runs.
    if (engineStore() === 'containerd') {
      const childLayers = docker('image', 'inspect', '--format', '{{json .RootFS.Layers}}', child);
      const response = await deleteImageRoute(del(), at(parent));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ untagged: ['strata-test/parent:1'], deletedImages: [parent] });
      expect(exists(parent)).toBe(false);
      expect(docker('image', 'inspect', '--format', '{{json .RootFS.Layers}}', child)).toBe(childLayers);
      expect(docker('run', '--rm', '--network', 'none', child, 'cat', '/child')).toBe('child');
    }
    expect(exists(child)).toBe(true);
    // Two builds, a container started and stopped, a dozen engine round trips: slow on a busy machine.
  }, 90_000);

  it('bulk: the dry run changes nothing, and applying reports each item', async () => {
    const a = build('strata-test/bulk:a', 'bulk-a');
    const b = build('strata-test/bulk:b', 'bulk-b');
    const body = { action: 'delete', targets: ['strata-test/bulk:a', 'strata-test/bulk:b', 'strata-test/nope:1'] };
    const preview = await (await bulkRoute(json({ ...body, dryRun: true }), ctx())).json();
    expect(preview.items.map((item: { outcome: string }) => item.outcome)).toEqual(['planned', 'planned', 'error']);
    expect(preview.items[0].message).toMatch(/^Deletes .* and its tag strata-test\/bulk:a, freeing/);
    expect(exists(a) && exists(b)).toBe(true);
    const applied = await (await bulkRoute(json({ ...body, dryRun: false }), ctx())).json();
    expect(applied.items.map((item: { outcome: string }) => item.outcome)).toEqual(['ok', 'ok', 'error']);
    expect(exists(a) || exists(b)).toBe(false);
  });

  it('pattern retag: the preview is exactly what is applied', async () => {
    const body = { from: 'localhost:5555/team/*', to: 'registry.internal:5000/team/*' };
    const preview = await (await retagRoute(json({ ...body, dryRun: true }), ctx())).json();
    expect(preview.items).toEqual([
      expect.objectContaining({
        from: 'localhost:5555/team/app:1.0',
        to: 'registry.internal:5000/team/app:1.0',
        outcome: 'planned',
        imageId: idOf('strata-fixture/app:1.0'),
      }),
    ]);
    expect(exists('registry.internal:5000/team/app:1.0')).toBe(false);
    const applied = await (await retagRoute(json({ ...body, dryRun: false }), ctx())).json();
    made.push('registry.internal:5000/team/app:1.0');
    expect(applied.items.map((item: { from: string; to: string }) => [item.from, item.to])).toEqual(
      preview.items.map((item: { from: string; to: string }) => [item.from, item.to]),
    );
    expect(applied.items[0].outcome).toBe('ok');
    expect(idOf('registry.internal:5000/team/app:1.0')).toBe(idOf('strata-fixture/app:1.0'));
    const bad = await retagRoute(json({ from: 'a/*/*', to: 'b/*' }), ctx());
    expect(bad.status).toBe(400);
  });
});
