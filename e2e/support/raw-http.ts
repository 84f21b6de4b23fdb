// Requests with exactly the headers a test chooses (Host included), which fetch-based clients do not allow.
import { request as httpRequest } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body, read only for HTML and JSON answers: streams (SSE, NDJSON, tar) are closed after the headers. */
  body: string;
}

/**
 * `from`: the loopback address to connect from (any 127.x.y.z works on Linux). Strata keys its rate
 * limit on the socket's address, so this is how a test is a different client.
 */
export function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
  from?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        localAddress: from,
        method,
        path,
        // Content-Length always: Node sends a DELETE body unframed otherwise.
        headers: {
          Host: `127.0.0.1:${port}`,
          ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
          ...headers,
        },
        timeout: 20_000,
      },
      (res) => {
        const type = String(res.headers['content-type'] ?? '');
        const done = (text: string) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
        if (!/text\/html|application\/json/.test(type)) {
          res.destroy();
          done('');
          return;
        }
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(text));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 20 s`)));
    req.on('error', reject);
    req.end(body);
  });
}
