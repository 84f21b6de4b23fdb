import { describe, expect, it } from 'vitest';
import type { RawImageInspect } from '@/lib/docker/engine/raw-types';
import { toInspectView } from '@/lib/docker/images/inspect-view';
import { MASK, revealInspect } from '@/lib/secrets';

const raw = {
  Id: 'sha256:' + 'a'.repeat(64),
  Config: { Env: ['DB_PASSWORD=hunter2', 'MODE=demo'] },
  ContainerConfig: { Env: ['PATH=/bin'] },
} as unknown as RawImageInspect;

describe('toInspectView', () => {
  it('masks secret-looking Env values before the answer leaves the server', () => {
    const view = toInspectView(raw);
    expect(view.masked.Config).toEqual({ Env: [`DB_PASSWORD=${MASK}`, 'MODE=demo'] });
    expect(JSON.stringify(view.masked)).not.toContain('hunter2');
    expect(view.masked.Id).toBe(raw.Id);
  });

  it('sends the unmasked list only where masking changed it, and "Show values" puts it back', () => {
    const view = toInspectView(raw);
    expect(view.env).toEqual({ Config: ['DB_PASSWORD=hunter2', 'MODE=demo'] });
    expect(revealInspect(view)).toEqual(raw);
  });
});
