// BuildKit names each step of a Dockerfile `[stage i/n] INSTRUCTION` and says nothing of stages it does
// not need. So the steps are planned from the Dockerfile first, the way BuildKit counts them (a FROM of
// an image is step 1 of its stage, a FROM of an earlier stage is not a step; RUN, COPY, ADD and WORKDIR
// are steps; ENV, LABEL, ARG, CMD … only change the config), and the trace's vertexes are matched to
// that plan. A planned step no vertex ever names was skipped: its stage was not needed for the target.
import { buildModel } from '@/lib/dockerfile/model';

export interface PlannedStep {
  /** 1-based over the whole Dockerfile, in file order. */
  number: number;
  /** BuildKit's stage label: the stage's name, `stage-N` when unnamed, '' in a single-stage file. */
  stage: string;
  /** 1-based within the stage, as BuildKit counts. */
  index: number;
  keyword: string;
  /** As written in the Dockerfile (build arguments not expanded), for comparing builds. */
  instruction: string;
}

const STEP_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

export function planSteps(dockerfile: string): PlannedStep[] {
  const { stages } = buildModel(dockerfile);
  const multiStage = stages.length > 1;
  const planned: PlannedStep[] = [];
  for (const stage of stages) {
    const label = multiStage ? (stage.name ?? `stage-${stage.index}`) : '';
    const steps = [...(stage.baseStage === null ? [stage.from] : []), ...stage.instructions.filter((i) => STEP_KEYWORDS.has(i.keyword))];
    steps.forEach((instruction, position) =>
      planned.push({
        number: planned.length + 1,
        stage: label,
        index: position + 1,
        keyword: instruction.keyword,
        instruction: `${instruction.keyword} ${instruction.args}`.trim(),
      }),
    );
  }
  return planned;
}

export interface StepName {
  stage: string;
  index: number;
  total: number;
  instruction: string;
}

// `[base 2/3] RUN …`, `[2/2] COPY …`, `[stage-2  1/12] RUN …` (the index is padded to the total's width),
// and on multi-platform builds a platform before the stage (`[linux/arm64 base 2/3]`).
const NAME = /^\[([^\]]*?)\s*(\d+)\/(\d+)\]\s(.*)$/s;

/** A vertex's name as a Dockerfile step, or null for BuildKit's own work (`[internal] load …`, `exporting to image`). */
export function stepName(name: string): StepName | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const prefix = (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
  const stage = prefix.filter((word) => !word.includes('/')).at(-1) ?? '';
  return { stage: stage.toLowerCase(), index: Number(match[2]), total: Number(match[3]), instruction: match[4] ?? '' };
}
