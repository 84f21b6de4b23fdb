// The browser side of a streamed JSON-lines answer (pull, push, analysis): each complete line is parsed
// and handed on as it arrives.
export async function readNdjson<T>(body: NonNullable<Response['body']>, onLines: (lines: T[]) => void): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    const parsed = lines.filter(Boolean).map((line) => JSON.parse(line) as T);
    if (parsed.length > 0) onLines(parsed);
  }
}
