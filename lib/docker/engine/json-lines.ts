// The engine's streamed answers (build, load, import, pull, push) are JSON objects, one per line, in
// chunks that do not respect line ends. This cuts them at newlines and parses each line.
import 'server-only';
import type { Readable } from 'node:stream';

/** `invalid` decides what a line that is not JSON becomes (by default it is skipped). */
export async function* jsonLines<T>(stream: Readable, invalid: (line: string) => T | null = () => null): AsyncGenerator<T> {
  stream.setEncoding('utf8');
  let buffer = '';
  const parse = (line: string): T | null => {
    try {
      return JSON.parse(line) as T;
    } catch {
      return invalid(line);
    }
  };
  for await (const chunk of stream) {
    buffer += chunk as string;
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      const value = line ? parse(line) : null;
      if (value !== null) yield value;
      newline = buffer.indexOf('\n');
    }
  }
  const last = buffer.trim() ? parse(buffer.trim()) : null;
  if (last !== null) yield last;
}
