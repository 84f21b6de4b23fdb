import { describe, expect, it } from 'vitest';
import { ancestorIds } from '@/lib/docker/images/parents';

describe('ancestorIds', () => {
  it('keeps the steps that are other images, newest first, and drops <missing>, empty IDs and the image itself', () => {
    const history = [{ Id: 'sha256:child' }, { Id: '<missing>' }, { Id: 'sha256:parent' }, { Id: '' }, {}, { Id: 'sha256:base' }];
    expect(ancestorIds('sha256:child', history)).toEqual(['sha256:parent', 'sha256:base']);
  });
});
