import { beforeAll, describe, expect, it } from 'vitest';
import type { StrataEvent } from '@/lib/api/engine';
import { subscribe } from '@/lib/docker/events/subscription';
import { docker, requireSandbox } from '../support/sandbox';

function waitFor(events: StrataEvent[], predicate: (event: StrataEvent) => boolean, ms = 3000): Promise<StrataEvent> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const found = events.find(predicate);
      if (found) return resolve(found);
      if (Date.now() - started > ms) return reject(new Error(`no matching event in ${ms} ms; saw ${JSON.stringify(events)}`));
      setTimeout(tick, 25);
    };
    tick();
  });
}

describe('engine events', () => {
  beforeAll(() => requireSandbox());

  it('forwards tag and untag as they happen', async () => {
    const events: StrataEvent[] = [];
    const unsubscribe = subscribe((event) => events.push(event));
    try {
      await waitFor(events, (event) => event.kind === 'engine' && event.state === 'connected');
      const tag = `strata-test/events:${Date.now()}`;
      docker('tag', 'strata-fixture/base:1', tag);
      const tagged = await waitFor(events, (event) => event.kind === 'image' && event.action === 'tag' && event.name === tag);
      expect(tagged.kind === 'image' && tagged.id).toBe(docker('image', 'inspect', '--format', '{{.Id}}', 'strata-fixture/base:1'));
      const before = events.length;
      docker('rmi', tag);
      // `untag` names the image ID, not the tag (engine quirk), so look only at events after the rmi.
      await waitFor(events, (event) => events.indexOf(event) >= before && event.kind === 'image' && event.action === 'untag');
    } finally {
      unsubscribe();
    }
  });
});
