// The browser side of a streamed JSON-lines answer (build, pull, push, load, analysis): each complete
// line is parsed and handed on as it arrives, a batch per network chunk (one render per chunk, not per line).
export async function readNdjson<T>(body: NonNullable<Response['body']>, onLines: (lines: T[]) => void): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const { lines, rest } = splitLines(buffer + value);
    buffer = rest;
    if (lines.length > 0) onLines(lines.map((line) => JSON.parse(line) as T));
  }
  // The server ends every line with a newline; a last line without one is still a line.
  if (buffer.trim() !== '') onLines([JSON.parse(buffer) as T]);
}

/** The complete, non-empty lines of `text`, and the unfinished tail to keep for the next chunk. */
export function splitLines(text: string): { lines: string[]; rest: string } {
  const parts = text.split('\n');
  const rest = parts.pop() ?? '';
  return { lines: parts.filter((line) => line.trim() !== ''), rest };
}
