// Joins small chunks into ~1 MiB ones. Streams between the engine, Node and Next's web streams pay a
// cost per chunk (promises, queue bookkeeping); the engine sends ~56 KiB pieces, and moving them in
// bigger ones halved the time of a save through Strata.
import 'server-only';
import { Transform } from 'node:stream';

const TARGET = 1024 * 1024;

export function batchChunks(target = TARGET): Transform {
  let parts: Buffer[] = [];
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      size += chunk.length;
      if (size < target) return done();
      const joined = Buffer.concat(parts, size);
      parts = [];
      size = 0;
      done(null, joined);
    },
    flush(done) {
      done(null, size > 0 ? Buffer.concat(parts, size) : undefined);
    },
  });
}
