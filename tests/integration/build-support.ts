// Sends builds to POST /api/build as the page does (multipart: dockerfile, options, files) and reads
// the answer's events back, for the builder tests.
import { POST as buildRoute } from '@/app/api/build/route';
import type { BuildEvent, BuildStep, BuildSummary } from '@/lib/api/build';

export const ctx = { params: Promise.resolve({}) };

export function buildRequest(files: Record<string, string>, options: object, dockerfile: string | null, signal?: AbortSignal): Request {
  const form = new FormData();
  if (dockerfile !== null) form.append('dockerfile', dockerfile);
  form.append('options', JSON.stringify(options));
  for (const [name, content] of Object.entries(files)) form.append('files', new Blob([content]), name);
  return new Request('http://localhost:3000/api/build', { method: 'POST', headers: { host: 'localhost:3000' }, body: form, signal });
}

export async function run(
  request: Request,
): Promise<{ status: number; events: BuildEvent[]; steps: BuildStep[]; summary: BuildSummary | null; body: unknown }> {
  const response = await buildRoute(request, ctx);
  if (!response.headers.get('content-type')?.includes('ndjson'))
    return { status: response.status, events: [], steps: [], summary: null, body: await response.json() };
  const events = (await response.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BuildEvent);
  const steps = new Map<number, BuildStep>();
  for (const event of events) if (event.kind === 'step') steps.set(event.step.number, event.step);
  const done = events.find((event) => event.kind === 'done');
  return { status: response.status, events, steps: [...steps.values()], summary: done?.kind === 'done' ? done.summary : null, body: null };
}

/** The messages of a build's error lines: an assertion that there are none then prints what went wrong. */
export const errorLines = (events: BuildEvent[]) => events.flatMap((event) => (event.kind === 'error' ? [event.message] : []));
