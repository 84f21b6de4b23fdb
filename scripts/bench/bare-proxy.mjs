// The floor for any server between a client and the engine: a bare Node HTTP server that pipes save and
// load straight through (stream.pipeline, with backpressure, nothing else). scripts/bench/archives.mjs
// runs it as its own process, as Strata is, and measures it beside Strata.
//   SOCKET=/path/docker.sock BARE_PORT=3290 node scripts/bench/bare-proxy.mjs
import http from 'node:http';
import { pipeline } from 'node:stream/promises';

const SOCKET = process.env.SOCKET;

http
  .createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    try {
      if (req.method === 'GET' && url.pathname === '/save') {
        const path = `/images/${encodeURIComponent(url.searchParams.get('ref'))}/get`;
        const answer = await new Promise((resolve, reject) => http.get({ socketPath: SOCKET, path }, resolve).on('error', reject));
        res.writeHead(answer.statusCode, { 'Content-Type': 'application/x-tar' });
        await pipeline(answer, res);
      } else if (req.method === 'POST' && url.pathname === '/load') {
        const upload = http.request({
          socketPath: SOCKET,
          method: 'POST',
          path: '/images/load',
          headers: { 'Content-Type': 'application/x-tar' },
        });
        const answered = new Promise((resolve, reject) => upload.on('response', resolve).on('error', reject));
        await pipeline(req, upload);
        const answer = await answered;
        res.writeHead(answer.statusCode, { 'Content-Type': 'application/json' });
        await pipeline(answer, res);
      } else {
        res.writeHead(404).end();
      }
    } catch (error) {
      res.destroy(error);
    }
  })
  .listen(Number(process.env.BARE_PORT ?? 3290), '127.0.0.1', () => console.log('ready'));
