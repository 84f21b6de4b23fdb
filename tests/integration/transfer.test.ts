// Login, push and pull for real, against the sandbox's local registry (htpasswd auth).
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as listRegistries, POST as loginRoute, DELETE as logoutRoute } from '@/app/api/registries/route';
import { POST as pullRoute } from '@/app/api/pull/route';
import { GET as detailRoute } from '@/app/api/images/[ref]/route';
import { POST as pushRoute } from '@/app/api/images/[ref]/push/route';
import type { TransferEvent } from '@/lib/api/transfer';
import { execFileSync } from 'node:child_process';
import { buildImage, docker, engineGet, engineStore, imageExists, requireSandbox, SANDBOX_SOCKET } from '../support/sandbox';

const REGISTRY = `localhost:${process.env.STRATA_REGISTRY_PORT ?? '5556'}`;
const PASSWORD = process.env.STRATA_REGISTRY_PASSWORD ?? 'sandbox-password';
const REF = `${REGISTRY}/strata-test/pushed:1`;
const ctx = <P extends object>(params: P) => ({ params: Promise.resolve(params) });
const json = (body: unknown, method = 'POST') =>
  new Request('http://localhost/x', { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const bodies: string[] = [];
const events = async (response: Response) => {
  const text = await response.text();
  bodies.push(text);
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TransferEvent);
};

const logged: string[] = [];
let original = '';

describe('registries, push and pull', () => {
  beforeAll(() => {
    requireSandbox();
    process.env.STRATA_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'strata-data-'));
    for (const level of ['log', 'warn', 'error', 'info'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    }
    original = buildImage(REF, 'FROM strata-fixture/base:1\nRUN echo pushed-by-strata > /pushed\n');
  });
  afterAll(() => {
    vi.restoreAllMocks();
    try {
      docker('rmi', '-f', REF);
    } catch {
      // gone
    }
  });

  it('refuses a wrong password with a clear message, and keeps nothing', async () => {
    const response = await loginRoute(json({ server: REGISTRY, username: 'strata', password: 'wrong-password' }), ctx({}));
    expect(response.status).toBe(401);
    const text = await response.text();
    bodies.push(text);
    expect(JSON.parse(text).error.message).toBe(`${REGISTRY} refused these credentials: wrong username, password or token.`);
    expect(await (await listRegistries(new Request('http://localhost/x'), ctx({}))).json()).toEqual({ registries: [] });
  });

  it('a push without a login is refused in plain words', async () => {
    const out = await events(await pushRoute(new Request('http://localhost/x', { method: 'POST' }), ctx({ ref: REF })));
    expect(out.at(-1)).toMatchObject({ kind: 'error', code: 'unauthorized' });
    expect((out.at(-1) as { message: string }).message).toMatch(/^Not allowed: log in to this registry first/);
  });

  it('logs in (checked by the engine), stores the secret 0600, and never echoes it', async () => {
    const response = await loginRoute(json({ server: REGISTRY, username: 'strata', password: PASSWORD }), ctx({}));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ server: REGISTRY, username: 'strata' });
    const listed = await (await listRegistries(new Request('http://localhost/x'), ctx({}))).text();
    expect(JSON.parse(listed)).toEqual({ registries: [{ server: REGISTRY, username: 'strata' }] });
    bodies.push(listed);
    expect(listed).not.toContain(PASSWORD);
    const file = path.join(process.env.STRATA_DATA_DIR!, 'registries.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(PASSWORD);
  });

  it('pushes with per-layer progress and a digest, then pulls the same image back', async () => {
    const pushed = await events(await pushRoute(new Request('http://localhost/x', { method: 'POST' }), ctx({ ref: REF })));
    expect(pushed.some((event) => event.kind === 'layer')).toBe(true);
    const done = pushed.at(-1);
    expect(done).toMatchObject({ kind: 'done', ref: REF });
    expect((done as { digest: string }).digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    docker('rmi', REF);
    expect(() => docker('image', 'inspect', original)).toThrow();
    const pulled = await events(await pullRoute(json({ ref: REF }), ctx({})));
    const layers = pulled.flatMap((event) => (event.kind === 'layer' ? [event.layer] : []));
    expect(layers.length).toBeGreaterThan(0);
    // The base layer was already here, so only the image's own layer travels.
    expect(new Set(layers.filter((layer) => layer.phase !== 'exists').map((layer) => layer.id)).size).toBe(1);
    // The classic engine says so for the base layer, and Strata shows it as a saving; the containerd
    // store says nothing at all about a blob it already has.
    if (engineStore() === 'classic') expect(layers.some((layer) => layer.phase === 'exists')).toBe(true);
    else expect(new Set(layers.map((layer) => layer.id)).size).toBe(1);
    expect(pulled.at(-1)).toMatchObject({ kind: 'done', imageId: original, digest: (done as { digest: string }).digest });
  });

  it('a pull of something that does not exist ends in "Not found", not a hang or a 500', async () => {
    const response = await pullRoute(json({ ref: `${REGISTRY}/strata-test/nope:1` }), ctx({}));
    expect(response.status).toBe(200);
    const out = await events(response);
    expect(out.at(-1)).toMatchObject({ kind: 'error', code: 'not_found' });
    expect((out.at(-1) as { message: string }).message).toMatch(/^Not found/);
    const bad = await pullRoute(json({ ref: 'Bad..Ref' }), ctx({}));
    expect(bad.status).toBe(400);
  });

  it('logs out, and no log line ever held the password', async () => {
    const response = await logoutRoute(new Request(`http://localhost/x?server=${REGISTRY}`, { method: 'DELETE' }), ctx({}));
    expect(await response.json()).toEqual({ server: REGISTRY, removed: true });
    expect(logged.join('\n')).not.toContain(PASSWORD);
    expect(bodies.length).toBeGreaterThan(3);
    for (const body of bodies) expect(body).not.toContain(PASSWORD);
  });
});

/** A push straight to the engine with the registry's credentials (the CLI here is not logged in). */
function enginePush(ref: string): void {
  const auth = Buffer.from(JSON.stringify({ username: 'strata', password: PASSWORD, serveraddress: REGISTRY })).toString('base64url');
  const at = ref.lastIndexOf(':');
  const out = execFileSync(
    'curl',
    [
      '-sf',
      '-X',
      'POST',
      '-H',
      `X-Registry-Auth: ${auth}`,
      '--unix-socket',
      SANDBOX_SOCKET,
      `http://engine/images/${ref.slice(0, at)}/push?tag=${ref.slice(at + 1)}`,
    ],
    { encoding: 'utf8' },
  );
  if (out.includes('"errorDetail"')) throw new Error(`push failed: ${out}`);
}

// Pulling one platform (`platform` on POST /api/pull → the engine's POST /images/create). Here, after
// the tests above, so no other file's registry traffic runs at the same time.
describe('pull with a platform', () => {
  const SCRIPT = path.resolve(__dirname, '../../scripts/multi-platform-image.sh');
  const modern = (() => {
    try {
      return engineStore() === 'containerd';
    } catch {
      return false;
    }
  })();
  const detail = async (ref: string, platform: string) => {
    const response = await detailRoute(new Request(`http://localhost/x?platform=${encodeURIComponent(platform)}`), ctx({ ref }));
    return { status: response.status, body: (await response.json()) as { architecture: string } };
  };
  beforeAll(async () => {
    const response = await loginRoute(json({ server: REGISTRY, username: 'strata', password: PASSWORD }), ctx({}));
    expect(response.status).toBe(201);
  });
  afterAll(async () => {
    await logoutRoute(new Request(`http://localhost/x?server=${REGISTRY}`, { method: 'DELETE' }), ctx({}));
  });

  it('pulls a single-platform image with its platform named; asked for another, says what the engine pulled instead', async () => {
    const ref = `${REGISTRY}/strata-test/one-platform:1`;
    const id = buildImage(ref, 'FROM strata-fixture/base:1\nRUN echo one-platform > /one\n');
    const { Os, Architecture } = engineGet<{ Os: string; Architecture: string }>(`/images/${ref}/json`);
    enginePush(ref);
    docker('rmi', ref);
    expect(imageExists(ref)).toBe(false);
    const pulled = await events(await pullRoute(json({ ref, platform: `${Os}/${Architecture}` }), ctx({})));
    expect(pulled.at(-1)).toMatchObject({ kind: 'done', ref });
    expect(engineGet<{ Id: string }>(`/images/${ref}/json`).Id).toBe(id);
    expect(pulled.some((event) => event.kind === 'status' && /single-platform/.test(event.message))).toBe(false);
    // Both engines pull a plain manifest whatever platform is asked for, silently: Strata says so.
    const wrong = Architecture === 'arm64' ? 'linux/amd64' : 'linux/arm64';
    const other = await events(await pullRoute(json({ ref, platform: wrong }), ctx({})));
    expect(other.at(-1)).toMatchObject({ kind: 'done', imageId: id });
    expect(other).toContainEqual({
      kind: 'status',
      message: `${ref} is a single-platform image for ${Os}/${Architecture}: the engine pulled that, not ${wrong}.`,
    });
    docker('rmi', ref);
  }, 60_000);

  it.runIf(modern)(
    'pulls only linux/arm64 of the index from the local registry',
    async () => {
      const ref = `${REGISTRY}/strata-test/multi-pull:1`;
      const pushedId = execFileSync(SCRIPT, [ref], { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
      enginePush(ref);
      docker('rmi', ref);
      expect(imageExists(ref)).toBe(false);
      const pulled = await events(await pullRoute(json({ ref, platform: 'linux/arm64' }), ctx({})));
      expect(pulled.at(-1)).toMatchObject({ kind: 'done', ref, imageId: pushedId });
      const filters = encodeURIComponent(JSON.stringify({ reference: [ref] }));
      const [listed] = engineGet<
        {
          Id: string;
          Manifests: { Kind: string; Available: boolean; ImageData?: { Platform: { architecture: string }; Size: { Unpacked: number } } }[];
        }[]
      >(`/images/json?manifests=1&filters=${filters}`);
      const byArch = Object.fromEntries(
        listed!.Manifests.filter((m) => m.Kind === 'image').map((m) => [m.ImageData!.Platform.architecture, m]),
      );
      expect(listed!.Id).toBe(pushedId);
      expect(byArch.arm64).toMatchObject({ Available: true });
      // A pull unpacks what it pulled, foreign or not.
      expect(byArch.arm64!.ImageData!.Size.Unpacked).toBeGreaterThan(1_000_000);
      expect(byArch.amd64).toMatchObject({ Available: false });
      // And Strata then reads arm64 and says amd64 is not here.
      expect((await detail(ref, 'linux/arm64')).body.architecture).toBe('arm64');
      expect((await detail(ref, 'linux/amd64')).status).toBe(409);
      docker('rmi', ref);
    },
    90_000,
  );
});
