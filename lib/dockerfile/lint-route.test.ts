// POST /api/dockerfile/lint through its real handler: JSON in, findings or the one error shape out.
import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/dockerfile/lint/route';

const ctx = { params: Promise.resolve({}) };
const post = (body: string, contentType = 'application/json') =>
  POST(new Request('http://localhost/api/dockerfile/lint', { method: 'POST', headers: { 'content-type': contentType }, body }), ctx);

describe('POST /api/dockerfile/lint', () => {
  it('answers with the findings, sorted by line', async () => {
    const response = await post(JSON.stringify({ dockerfile: 'FROM node\nCOPY . .\nRUN npm ci\nCMD ["node", "a.js"]\n' }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { findings: { rule: string; line: number }[] };
    expect(body.findings.map(({ rule, line }) => [rule, line])).toEqual([
      ['unpinned-base', 1],
      ['cache-order', 2],
      ['pid1-no-init', 4],
    ]);
  });

  it('tolerates unknown fields, as the other routes do, and takes an optional target', async () => {
    const response = await post(
      JSON.stringify({ dockerfile: 'FROM a AS dev\nUSER root\nFROM b:1\n', target: 'dev', editor: 'codemirror' }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { findings: { rule: string }[] }).findings.map((finding) => finding.rule)).toEqual([
      'unpinned-base',
      'last-user-root',
    ]);
  });

  it('answers 400 with the one error shape for a missing Dockerfile, a non-JSON body, or too much text', async () => {
    const missing = await post(JSON.stringify({ text: 'FROM a' }));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: { code: 'invalid_input', message: 'Send the Dockerfile as text: { "dockerfile": "FROM …" }.' },
    });
    expect((await post('FROM a', 'text/plain')).status).toBe(400);
    expect((await post(JSON.stringify({ dockerfile: 'x'.repeat(70_000) }))).status).toBe(400);
  });
});
