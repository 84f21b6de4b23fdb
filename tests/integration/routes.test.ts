// The JSON API as a client sees it: status codes and the one error shape, from the real handlers.
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getImages } from '@/app/api/images/route';
import { GET as getImage } from '@/app/api/images/[ref]/route';
import { GET as getEngine } from '@/app/api/engine/route';
import { requireSandbox, sandboxKind } from '../support/sandbox';

const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const get = (path: string) => new Request(`http://localhost:3000${path}`);

describe('JSON API', () => {
  beforeAll(() => requireSandbox());

  it('GET /api/images lists images with totals', async () => {
    const response = await getImages(get('/api/images'), ctx({}));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.images.length).toBeGreaterThanOrEqual(8);
    expect(body.totals.images).toBe(body.images.length);
  });

  it('GET /api/images/{ref} accepts a name with registry and port (as Next hands it on, decoded once)', async () => {
    const response = await getImage(get('/api/images/x'), ctx({ ref: 'localhost:5555/team/app:1.0' }));
    expect(response.status).toBe(200);
    expect((await response.json()).repoTags).toContain('localhost:5555/team/app:1.0');
  });

  it.each([
    ['Upper/Case:1', 'invalid_reference', /lowercase/],
    ['app:-bad', 'invalid_reference', /not a valid tag/],
    ['foo..bar', 'invalid_reference', /not a valid image reference/],
    ['a'.repeat(300), 'invalid_reference', /not a valid image reference/],
  ])('refuses %s with 400 before the engine sees it', async (ref, code, message) => {
    const response = await getImage(get('/api/images/x'), ctx({ ref }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
  });

  it('answers 404 with the one error shape for an unknown image', async () => {
    const response = await getImage(get('/api/images/x'), ctx({ ref: 'nosuch:1' }));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No image named nosuch:1 on this engine.', details: { ref: 'nosuch:1' } },
    });
  });

  it('GET /api/engine says it is the sandbox and which API version it speaks', async () => {
    const response = await getEngine(get('/api/engine'), ctx({}));
    const body = await response.json();
    expect(body.sandbox).toBe(true);
    expect(body.apiVersion).toBe(body.maxApiVersion);
    // The sandbox's modern engine runs the containerd image store; its classic one the graph driver.
    expect(body.imageStore).toBe(sandboxKind() === 'modern' ? 'containerd' : 'classic');
    expect(body.address).toBe(process.env.DOCKER_HOST);
  });
});
