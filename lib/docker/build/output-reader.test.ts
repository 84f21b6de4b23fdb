import { describe, expect, it } from 'vitest';
import { BuildOutputReader } from './output-reader';

// Recorded from Engine 20.10's classic builder (POST /build?version=1), line breaks exactly as sent.
const FIRST = [
  { stream: 'Step 1/4 : FROM strata-fixture/base:1' },
  { stream: '\n' },
  { stream: ' ---\u003e 6dbc9e29a46b\n' },
  { stream: 'Step 2/4 : COPY app.txt /app/' },
  { stream: '\n' },
  { stream: ' ---\u003e 85862596fe22\n' },
  { stream: 'Step 3/4 : RUN cat /app/app.txt \u0026\u0026 echo built' },
  { stream: '\n' },
  { stream: ' ---\u003e Running in f38c417bccce\n' },
  { stream: 'hello\n' },
  { stream: 'built\n' },
  { stream: 'Removing intermediate container f38c417bccce\n' },
  { stream: ' ---\u003e 7671726e51b5\n' },
  { stream: 'Step 4/4 : CMD ["sh"]' },
  { stream: '\n' },
  { stream: ' ---\u003e Using cache\n' },
  { stream: ' ---\u003e ff618e8b4c5e\n' },
  { aux: { ID: 'sha256:ff618e8b4c5e738df100f0e8ffe76fa70f22283df10633334d829d59b45bccc6' } },
  { stream: 'Successfully built ff618e8b4c5e\n' },
  { stream: 'Successfully tagged ctx:1\n' },
];

function clock() {
  let now = 1000;
  return () => (now += 250);
}

describe('BuildOutputReader', () => {
  it('reads steps, their outcome, output and the final image', () => {
    const reader = new BuildOutputReader(clock());
    const events = FIRST.flatMap((raw) => reader.push(raw));
    events.push(...reader.finish());
    expect(reader.steps.map((step) => [step.number, step.status, step.imageId])).toEqual([
      [1, 'base', '6dbc9e29a46b'],
      [2, 'built', '85862596fe22'],
      [3, 'built', '7671726e51b5'],
      [4, 'cached', 'ff618e8b4c5e'],
    ]);
    expect(reader.steps[2]?.output).toEqual(['hello', 'built']);
    expect(reader.steps[2]?.instruction).toBe('RUN cat /app/app.txt && echo built');
    expect(reader.steps.every((step) => step.durationMs !== null && step.durationMs > 0)).toBe(true);
    expect(reader.finalId).toBe('sha256:ff618e8b4c5e738df100f0e8ffe76fa70f22283df10633334d829d59b45bccc6');
    expect(reader.tags).toEqual(['ctx:1']);
    expect(events.filter((event) => event.kind === 'output').map((event) => (event.kind === 'output' ? event.line : ''))).toEqual([
      'hello',
      'built',
    ]);
    // Step events never carry output (it travels once, in output events).
    expect(events.every((event) => event.kind !== 'step' || event.step.output.length === 0)).toBe(true);
  });

  it('marks the failing step and reports the error against it', () => {
    const reader = new BuildOutputReader(clock());
    const events = [
      { stream: 'Step 1/2 : FROM strata-fixture/base:1\n' },
      { stream: ' ---> 6dbc9e29a46b\n' },
      { stream: 'Step 2/2 : RUN exit 3\n ---> Running in 0a1b2c3d4e5f\n' },
      {
        errorDetail: { code: 3, message: "The command '/bin/sh -c exit 3' returned a non-zero code: 3" },
        error: "The command '/bin/sh -c exit 3' returned a non-zero code: 3",
      },
    ].flatMap((raw) => reader.push(raw));
    expect(reader.steps[1]?.status).toBe('failed');
    expect(events.at(-1)).toEqual({
      kind: 'error',
      code: 'upstream_failed',
      step: 2,
      message: "The command '/bin/sh -c exit 3' returned a non-zero code: 3",
    });
    expect(reader.failure).toMatch(/non-zero code: 3/);
  });

  it('keeps a line split across chunks whole, and caps runaway output', () => {
    const reader = new BuildOutputReader(clock());
    reader.push({ stream: 'Step 1/1 : RUN yes | head -n 1000\n ---> Running in 0a1b2c3d4e5f\nhal' });
    reader.push({ stream: 'f a line\n' });
    expect(reader.steps[0]?.output).toEqual(['half a line']);
    for (let i = 0; i < 1000; i++) reader.push({ stream: 'y\n' });
    expect(reader.steps[0]?.output.length).toBe(401);
    expect(reader.steps[0]?.output.at(-1)).toBe('… (more output not kept)');
  });
});
