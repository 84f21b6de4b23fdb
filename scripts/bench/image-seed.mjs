// The images the list benchmarks share: distinct IDs that share layers, as real images built from
// common bases do, and extra tags on them. Seeded once per bench sandbox.
import { execFileSync } from 'node:child_process';
import { engineRequest, engineRequestJson, pool, tinyTar } from './engine-http.mjs';
import { SOCKET, env } from './common.mjs';

/** Seeds `ids` image IDs (config-only commits on five shared bases) and `tags` tags, once. */
export async function seedImages(IDS, TAGS) {
  const images = JSON.parse(await engineRequest(SOCKET, 'GET', '/images/json'));
  const tagCount = images.reduce((sum, image) => sum + (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>').length, 0);
  if (images.length >= IDS && tagCount >= TAGS) return console.log(`seed: already ${images.length} IDs / ${tagCount} tags`);
  console.log(`seed: building ${IDS} image IDs and ${TAGS} tags…`);
  execFileSync('bash', ['scripts/fixtures.sh'], { env, stdio: 'inherit' });
  // Five distinct bases, then config-only commits on top of each: distinct IDs that share layers,
  // as real images built from common bases do.
  const bases = 5;
  for (let b = 0; b < bases; b++) {
    const tar = tinyTar(`base-${b}.txt`, `base ${b}\n`.repeat(200 * (b + 1)));
    await engineRequest(SOCKET, 'POST', `/images/create?fromSrc=-&repo=bench/base&tag=${b}`, tar);
    await engineRequestJson(SOCKET, `/containers/create?name=bench-base-${b}`, {
      Image: `bench/base:${b}`,
      Cmd: ['none'],
      NetworkDisabled: true,
    });
  }
  const perBase = Math.ceil(IDS / bases);
  await pool(IDS, 4, async (i) => {
    const b = Math.floor(i / perBase);
    const changes = encodeURIComponent(`LABEL bench.index=${i}`);
    await engineRequest(SOCKET, 'POST', `/commit?container=bench-base-${b}&repo=bench/img&tag=${i}&changes=${changes}`);
  });
  const extra = TAGS - IDS;
  await pool(extra, 4, async (k) => {
    const i = k % IDS;
    await engineRequest(SOCKET, 'POST', `/images/bench%2Fimg:${i}/tag?repo=bench/alias-${k % 7}/img&tag=${k}`);
  });
}
