// Every write is in the audit log with its outcome, and no body (so no password) ever is.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as addTagRoute } from '@/app/api/images/[ref]/tags/route';
import { POST as loginRoute } from '@/app/api/registries/route';
import { GET as activityRoute } from '@/app/api/activity/route';
import { docker, requireSandbox } from '../support/sandbox';

const json = (body: unknown) =>
  new Request('http://localhost/api/x', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('audit log', () => {
  beforeAll(() => {
    requireSandbox();
    process.env.STRATA_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'strata-audit-'));
  });

  it('records each write with its outcome, never its body, and lists it with engine events', async () => {
    const tagged = await addTagRoute(
      new Request('http://localhost/api/images/strata-fixture%2Fweb%3A1/tags', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ref: 'strata-test/audited:1' }),
      }),
      { params: Promise.resolve({ ref: 'strata-fixture/web:1' }) },
    );
    expect(tagged.status).toBe(201);
    const refused = await addTagRoute(
      new Request('http://localhost/api/images/strata-fixture%2Fweb%3A1/tags', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ref: 'Bad..Tag' }),
      }),
      { params: Promise.resolve({ ref: 'strata-fixture/web:1' }) },
    );
    expect(refused.status).toBe(400);
    await loginRoute(json({ server: 'localhost:1', username: 'someone', password: 'top-secret-audit-password' }), {
      params: Promise.resolve({}),
    });
    try {
      const file = path.join(process.env.STRATA_DATA_DIR!, 'audit.log');
      const text = readFileSync(file, 'utf8');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(text).not.toContain('top-secret-audit-password');
      const lines = text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines.map((line) => [line.method, line.target, line.status])).toEqual([
        ['POST', '/api/images/strata-fixture/web:1/tags', 201],
        ['POST', '/api/images/strata-fixture/web:1/tags', 400],
        ['POST', '/api/x', expect.any(Number)],
      ]);
      const activity = await (await activityRoute(new Request('http://localhost/api/activity'), { params: Promise.resolve({}) })).json();
      expect(activity.writes[0].target).toBe('/api/x');
      expect(
        activity.events.some((event: { action: string; name: string }) => event.action === 'tag' && event.name === 'strata-test/audited:1'),
      ).toBe(true);
    } finally {
      docker('rmi', 'strata-test/audited:1');
    }
  });
});
