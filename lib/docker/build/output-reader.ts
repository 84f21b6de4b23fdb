// Reads the classic builder's JSON stream (`{"stream": "Step 2/4 : COPY …"}`, ` ---> Using cache`,
// ` ---> 85862596fe22`, `{"errorDetail": …}`) into steps with a status, a duration and their output.
// Chunks of `stream` text do not respect line ends (the `Step` line arrives without its newline), so
// text is joined and cut at newlines before it is read. Pure: the clock is passed in, for tests.
import type { BuildEvent, BuildStep } from '@/lib/api/build';
import { copyStep, newStep } from '@/lib/docker/build/step';

export interface RawBuildLine {
  stream?: string;
  status?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string };
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const IMAGE = /^ ---> ([0-9a-f]{12,64})$/;
const MAX_OUTPUT_LINES = 400;
const MAX_LINE = 2000;

export class BuildOutputReader {
  readonly steps: BuildStep[] = [];
  finalId: string | null = null;
  readonly tags: string[] = [];
  failure: string | null = null;
  private text = '';
  private startedAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get current(): BuildStep | undefined {
    return this.steps[this.steps.length - 1];
  }

  /** One JSON object from the engine → what changed, as events for the page. */
  push(raw: RawBuildLine): BuildEvent[] {
    const events: BuildEvent[] = [];
    if (raw.aux?.ID) this.finalId = raw.aux.ID;
    if (raw.stream) {
      this.text += raw.stream;
      let newline = this.text.indexOf('\n');
      while (newline >= 0) {
        events.push(...this.line(this.text.slice(0, newline).replace(/\r$/, '')));
        this.text = this.text.slice(newline + 1);
        newline = this.text.indexOf('\n');
      }
    }
    if (raw.error || raw.errorDetail) {
      events.push(...this.flush());
      const message = raw.errorDetail?.message ?? raw.error ?? 'The build failed.';
      this.failure = message;
      const step = this.current;
      if (step) {
        step.status = 'failed';
        step.durationMs = this.now() - this.startedAt;
        events.push({ kind: 'step', step: copyStep(step) });
      }
      events.push({ kind: 'error', code: 'upstream_failed', step: step?.number ?? null, message });
    }
    return events;
  }

  /** The end of the stream: a last line without a newline, and the last step's duration. */
  finish(): BuildEvent[] {
    const events = this.flush();
    const step = this.current;
    if (step && step.durationMs === null) {
      step.durationMs = this.now() - this.startedAt;
      events.push({ kind: 'step', step: copyStep(step) });
    }
    return events;
  }

  private flush(): BuildEvent[] {
    if (!this.text) return [];
    const rest = this.text;
    this.text = '';
    return this.line(rest);
  }

  private line(line: string): BuildEvent[] {
    const stepMatch = STEP.exec(line);
    if (stepMatch) return this.startStep(Number(stepMatch[1]), Number(stepMatch[2]), stepMatch[3] ?? '');
    const step = this.current;
    if (line === ' ---> Using cache') {
      if (!step) return [];
      step.status = 'cached';
      return [{ kind: 'step', step: copyStep(step) }];
    }
    const image = IMAGE.exec(line);
    if (image && step) {
      step.imageId = image[1] ?? null;
      if (step.status === 'running') step.status = /^FROM\b/i.test(step.instruction) ? 'base' : 'built';
      return [{ kind: 'step', step: copyStep(step) }];
    }
    if (/^ ---> Running in [0-9a-f]+$/.test(line) || /^Removing intermediate container [0-9a-f]+$/.test(line)) return [];
    const built = /^Successfully built ([0-9a-f]+)$/.exec(line);
    if (built) {
      this.finalId ??= built[1] ?? null;
      return [];
    }
    const tagged = /^Successfully tagged (.+)$/.exec(line);
    if (tagged) {
      this.tags.push(tagged[1] ?? '');
      return [];
    }
    if (!step || line === '') return [];
    if (step.output.length >= MAX_OUTPUT_LINES) {
      if (step.output.length === MAX_OUTPUT_LINES) step.output.push('… (more output not kept)');
      return [];
    }
    const kept = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
    step.output.push(kept);
    return [{ kind: 'output', step: step.number, line: kept }];
  }

  private startStep(number: number, total: number, instruction: string): BuildEvent[] {
    const events: BuildEvent[] = [];
    const now = this.now();
    const previous = this.current;
    if (previous && previous.durationMs === null) {
      previous.durationMs = now - this.startedAt;
      events.push({ kind: 'step', step: copyStep(previous) });
    }
    this.startedAt = now;
    const step = newStep(number, total, null, instruction, 'running');
    this.steps.push(step);
    events.push({ kind: 'step', step: copyStep(step) });
    return events;
  }
}
