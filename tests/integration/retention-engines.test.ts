// A retention rule on several engines: the two sandbox engines (the other one through a Docker context)
// and one that is down. Each engine's run deletes only what its own preview listed there and is
// reported apart; the one that is down says so without stopping the others.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleDraftSchema } from '@/lib/api/retention';
import { createRule, previewDraft, runNow } from '@/lib/docker/retention/rules';
import { writeContext } from '../support/contexts';
import { loadDatedImage } from '../support/dated-images';
import { engineGet, requireSandbox, SANDBOX_HOST } from '../support/sandbox';

const OTHER_DIR = process.env.STRATA_OTHER_SANDBOX_DIR;
const OTHER_SOCKET = `${OTHER_DIR}/docker.sock`;
const tagsOn = (socket?: string) =>
  engineGet<{ RepoTags: string[] | null }[]>('/images/json', socket).flatMap((image) => image.RepoTags ?? []);

describe.runIf(OTHER_DIR)('a retention rule on several engines', () => {
  const saved = {
    DOCKER_CONFIG: process.env.DOCKER_CONFIG,
    STRATA_ENGINES: process.env.STRATA_ENGINES,
    STRATA_DATA_DIR: process.env.STRATA_DATA_DIR,
  };
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-retention-engines-'));
  const repo = `strata-ret-many/m${Date.now().toString(36)}`;

  beforeAll(async () => {
    requireSandbox();
    writeContext(config, { name: 'other', host: `unix://${OTHER_SOCKET}` });
    process.env.DOCKER_CONFIG = config;
    process.env.STRATA_ENGINES = `gone=unix://${config}/gone.sock`;
    process.env.STRATA_DATA_DIR = path.join(config, 'data');
    for (const host of [undefined, `unix://${OTHER_SOCKET}`])
      for (const [tag, day] of [
        ['1', '01'],
        ['2', '02'],
      ])
        await loadDatedImage({
          tag: `${repo}:${tag}`,
          created: new Date(`2026-01-${day}T00:00:00Z`),
          layers: [{ name: `${repo}:${tag}`, bytes: 4096 }],
          host,
        });
  });

  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    for (const host of [SANDBOX_HOST, `unix://${OTHER_SOCKET}`])
      for (const tag of ['1', '2']) {
        try {
          execFileSync('docker', ['rmi', '-f', `${repo}:${tag}`], { env: { ...process.env, DOCKER_HOST: host }, stdio: 'ignore' });
        } catch {
          // already gone
        }
      }
    fs.rmSync(config, { recursive: true, force: true });
  });

  it('previews and runs on each engine it names, each reported apart, and says which engine did not answer', async () => {
    const draft = ruleDraftSchema.parse({
      name: 'keep 1 everywhere',
      engines: ['default', 'other', 'gone'],
      images: 'unused',
      keepNewest: { count: 1, by: 'created' },
      repositories: repo,
    });
    const previews = await previewDraft(draft);
    expect(previews.map((result) => [result.engine, result.ok])).toEqual([
      ['default', true],
      ['other', true],
      ['gone', false],
    ]);
    for (const result of previews.slice(0, 2))
      if (result.ok) expect(result.preview.images.map((image) => image.repoTags[0])).toEqual([`${repo}:1`]);
    const rule = await createRule(draft);
    expect(Object.keys(rule.baseline).sort()).toEqual(['default', 'other']);
    const reports = await runNow(rule.id, false);
    expect(reports.map((report) => [report.engine, report.status, report.deletedImages])).toEqual([
      ['default', 'applied', 1],
      ['other', 'applied', 1],
      ['gone', 'failed', 0],
    ]);
    expect(reports[2]!.message).toMatch(/gone\.sock/);
    for (const socket of [undefined, OTHER_SOCKET]) {
      const tags = tagsOn(socket);
      expect([tags.includes(`${repo}:1`), tags.includes(`${repo}:2`)]).toEqual([false, true]);
    }
  });
});
