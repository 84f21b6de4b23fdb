// One small entry of an image export (a manifest, a config), read whole; layer bodies are drained instead.
import 'server-only';

export async function readEntry(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
