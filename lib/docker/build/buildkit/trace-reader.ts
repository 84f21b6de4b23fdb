// Follows a BuildKit build's progress (decoded `StatusResponse` messages) as the page's steps. Vertexes
// arrive many times (announced, started, cached, completed), so each is merged by digest and the step
// it names is updated in place. Log chunks do not respect line ends, so each vertex's text is joined
// and cut at newlines. Pure: tests replay recorded traces through it.
import type { BuildEvent, BuildInternalStep, BuildStep } from '@/lib/api/build';
import type { StatusUpdate, TraceVertex } from '@/lib/docker/build/buildkit/status-proto';
import { stepName, type PlannedStep } from '@/lib/docker/build/buildkit/step-plan';
import { copyStep, newStep } from '@/lib/docker/build/step';

const MAX_OUTPUT_LINES = 400;
const MAX_LINE = 2000;

export class BuildKitTraceReader {
  readonly steps: BuildStep[];
  readonly internal = new Map<string, BuildInternalStep>();
  finalId: string | null = null;
  failure: string | null = null;
  private readonly byLabel = new Map<string, BuildStep>();
  private readonly byDigest = new Map<string, BuildStep>();
  private readonly partial = new Map<string, string>();
  private readonly stagesSeen = new Set<string>();

  constructor(private readonly plan: PlannedStep[]) {
    this.steps = plan.map((planned) => newStep(planned.number, plan.length, planned.stage, planned.instruction, 'waiting'));
    for (const [i, planned] of plan.entries()) this.byLabel.set(label(planned.stage, planned.index), this.steps[i] as BuildStep);
  }

  /** The planned steps, before anything runs. */
  start(): BuildEvent[] {
    return this.steps.map((step) => ({ kind: 'step', step: copyStep(step) }));
  }

  push(update: StatusUpdate): BuildEvent[] {
    const events: BuildEvent[] = [];
    for (const vertex of update.vertexes) events.push(...this.vertex(vertex));
    for (const log of update.logs) events.push(...this.log(log.vertex, log.text));
    for (const warning of update.warnings) events.push(...this.log(warning.vertex, `warning: ${warning.text}\n`));
    return events;
  }

  /** The engine's error line: the build failed (at the step whose vertex has an error, if any). */
  fail(message: string): BuildEvent[] {
    this.failure = message;
    const failed = this.steps.find((step) => step.status === 'failed');
    return [{ kind: 'error', code: 'upstream_failed', step: failed?.number ?? null, message }];
  }

  /** The end of the stream: last partial lines, and what never ran, said as skipped or not run. */
  finish(): BuildEvent[] {
    const events: BuildEvent[] = [];
    for (const digest of [...this.partial.keys()]) events.push(...this.log(digest, '\n'));
    for (const step of this.steps) {
      if (step.status !== 'waiting' && step.status !== 'running') continue;
      const stageRan = this.stagesSeen.has(step.stage ?? '');
      step.status = stageRan || this.failure ? 'not-run' : 'skipped';
      events.push({ kind: 'step', step: copyStep(step) });
    }
    return events;
  }

  private vertex(vertex: TraceVertex): BuildEvent[] {
    const name = stepName(vertex.name);
    if (!name) return [this.internalVertex(vertex)];
    let step = this.byDigest.get(vertex.digest) ?? this.byLabel.get(label(name.stage, name.index));
    if (!step) {
      // A step the plan did not foresee (a Dockerfile syntax Strata's parser reads differently): shown after the plan.
      step = newStep(this.steps.length + 1, 0, name.stage, name.instruction, 'waiting');
      this.steps.push(step);
      for (const each of this.steps) each.total = this.steps.length;
    }
    this.byDigest.set(vertex.digest, step);
    if (vertex.started !== null) this.stagesSeen.add(name.stage);
    step.instruction = name.instruction;
    step.status = stepStatus(vertex, name.instruction);
    step.durationMs = vertex.started !== null && vertex.completed !== null ? Math.max(0, vertex.completed - vertex.started) : null;
    step.endedAt = vertex.completed;
    return [{ kind: 'step', step: copyStep(step) }];
  }

  private internalVertex(vertex: TraceVertex): BuildEvent {
    const internal: BuildInternalStep = {
      id: vertex.digest,
      name: vertex.name,
      status: vertex.error ? 'failed' : vertex.completed === null ? 'running' : vertex.cached ? 'cached' : 'done',
      durationMs: vertex.started !== null && vertex.completed !== null ? Math.max(0, vertex.completed - vertex.started) : null,
    };
    this.internal.set(vertex.digest, internal);
    return { kind: 'internal', internal };
  }

  private log(digest: string, text: string): BuildEvent[] {
    const step = this.byDigest.get(digest);
    if (!step) return [];
    let buffer = (this.partial.get(digest) ?? '') + text;
    const events: BuildEvent[] = [];
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
      if (line === '' || step.output.length > MAX_OUTPUT_LINES) continue;
      const kept =
        step.output.length === MAX_OUTPUT_LINES
          ? '… (more output not kept)'
          : line.length > MAX_LINE
            ? `${line.slice(0, MAX_LINE)}…`
            : line;
      step.output.push(kept);
      events.push({ kind: 'output', step: step.number, line: kept });
    }
    if (buffer) this.partial.set(digest, buffer);
    else this.partial.delete(digest);
    return events;
  }
}

function stepStatus(vertex: TraceVertex, instruction: string): BuildStep['status'] {
  if (vertex.error) return /context canceled|canceled/i.test(vertex.error) ? 'not-run' : 'failed';
  if (vertex.started === null) return 'waiting';
  if (vertex.completed === null) return 'running';
  if (/^FROM\b/i.test(instruction)) return 'base';
  return vertex.cached ? 'cached' : 'built';
}

const label = (stage: string, index: number) => `${stage.toLowerCase()} ${index}`;
