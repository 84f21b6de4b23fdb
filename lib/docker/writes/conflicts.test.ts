import { describe, expect, it } from 'vitest';
import { explainConflict } from '@/lib/docker/writes/conflicts';

// Messages as Engine 20.10 sends them.
const name = (id: string) => (id === 'a2c674ea76ac' ? 'web-1' : id);

describe('explainConflict', () => {
  it.each([
    [
      'conflict: unable to delete 4922df7e4163 (must be forced) - image is referenced in multiple repositories',
      'multiple_tags',
      true,
      null,
      /several tags/,
    ],
    [
      'conflict: unable to delete 4922df7e4163 (must be forced) - image is being used by stopped container a2c674ea76ac',
      'stopped_container',
      true,
      'a2c674ea76ac',
      /Container web-1 \(stopped\)/,
    ],
    [
      'conflict: unable to remove repository reference "localhost:5000/demo/app:v1" (must force) - container a2c674ea76ac is using its referenced image 4922df7e4163',
      'container_uses_tag',
      true,
      'a2c674ea76ac',
      /container web-1 uses/,
    ],
    [
      'conflict: unable to delete 4922df7e4163 (cannot be forced) - image is being used by running container 26921800cda1',
      'running_container',
      false,
      '26921800cda1',
      /Container 26921800cda1 is running/,
    ],
    [
      'conflict: unable to delete 4922df7e4163 (cannot be forced) - image has dependent child images',
      'child_images',
      false,
      null,
      /built on top of this one/,
    ],
  ])('%s', (engine, reason, canForce, containerId, message) => {
    const conflict = explainConflict(engine, name);
    expect(conflict).toMatchObject({ reason, canForce, containerId });
    expect(conflict.message).toMatch(message);
  });

  it('passes unknown conflicts through, forceable only when the engine says so', () => {
    expect(explainConflict('conflict: something new (must be forced)')).toMatchObject({ reason: 'other', canForce: true });
    expect(explainConflict('conflict: something else')).toMatchObject({
      reason: 'other',
      canForce: false,
      message: 'conflict: something else',
    });
  });
});
