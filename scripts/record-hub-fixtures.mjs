// Records the Hub fixture server's answers (scripts/hub-fixture.mjs, which models Docker Hub's public API)
// into lib/hub/__fixtures__/, one file per request: status, the headers lib/hub reads, and the body.
// The unit tests of lib/hub serve these back from a loopback server.
//   node scripts/record-hub-fixtures.mjs [port]      (starts the fixture on 127.0.0.1:port, default 3151)
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.argv[2] ?? 3151);
const base = `http://127.0.0.1:${port}`;
const READ_HEADERS = ['content-type', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-retry-after', 'retry-after'];

const requests = {
  'search-v4-nginx': '/api/search/v4?query=nginx&from=0&size=4&type=image',
  'search-v4-rate-limited': '/api/search/v4?query=ratelimit&from=0&size=4&type=image',
  'search-v4-bad-sort': '/api/search/v4?query=nginx&from=0&size=4&type=image&sort=star_count&order=desc',
  'search-v2-missing': '/v2/search/repositories/?query=nginx&page=1&page_size=4',
  'repository-library-nginx': '/v2/namespaces/library/repositories/nginx',
  'repository-missing': '/v2/namespaces/library/repositories/strata-nosuch',
  'tags-library-nginx': '/v2/namespaces/library/repositories/nginx/tags?page=1&page_size=3&ordering=last_updated',
};

const fixture = spawn(process.execPath, [path.join(root, 'scripts/hub-fixture.mjs'), String(port)], { stdio: 'ignore' });
try {
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/api/search/v4?query=x`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (i > 50) throw new Error(`the Hub fixture did not start on ${base}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const [name, request] of Object.entries(requests)) {
    const response = await fetch(`${base}${request}`, { headers: { Accept: 'application/json' } });
    const headers = Object.fromEntries(READ_HEADERS.filter((h) => response.headers.has(h)).map((h) => [h, response.headers.get(h)]));
    const recording = { request: `GET ${request}`, status: response.status, headers, body: await response.json() };
    writeFileSync(path.join(root, 'lib/hub/__fixtures__', `${name}.json`), `${JSON.stringify(recording, null, 2)}\n`);
    console.log(`${name}: ${response.status}`);
  }
} finally {
  fixture.kill();
}
