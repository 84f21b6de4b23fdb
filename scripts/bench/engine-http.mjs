// Minimal Engine API calls over the unix socket for the benchmark's seeding and raw baselines. The
// benchmark measures Strata against the engine, so it talks to the engine without Strata's code.
import http from 'node:http';

export function engineRequest(socketPath, method, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path, headers: body ? { 'Content-Type': 'application/x-tar' } : {} }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode >= 400) reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
        else resolve(text);
      });
    });
    req.on('error', reject);
    if (body) req.end(body);
    else req.end();
  });
}

/** A one-file tar archive, built by hand: 512-byte header, content padded to 512, two zero blocks. */
export function tinyTar(name, content) {
  const data = Buffer.from(content);
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  const padded = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  data.copy(padded);
  return Buffer.concat([header, padded, Buffer.alloc(1024)]);
}

export async function pool(count, concurrency, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** POST with a JSON body; a 409 (it already exists, from an earlier seed) is not an error. */
export function engineRequestJson(socketPath, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method: 'POST', path, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => (res.statusCode >= 400 && res.statusCode !== 409 ? reject(new Error(text)) : resolve(text)));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
