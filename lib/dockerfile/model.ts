// Stages of a parsed Dockerfile: which base each FROM names (after global ARG substitution), which
// earlier stage it builds on, and which stages' layers end up in the image that is built.
import { parseDockerfile, splitWords, type Instruction, type ParsedDockerfile } from '@/lib/dockerfile/parse';

export interface Stage {
  index: number;
  /** `FROM … AS name`, lower-cased as BuildKit compares it; null when unnamed. */
  name: string | null;
  from: Instruction;
  /** The base as written (`node:${NODE}`). */
  image: string;
  /** The base with global ARG defaults substituted; null when an ARG has no default. */
  resolvedImage: string | null;
  /** Index of the earlier stage this one builds on (`FROM build AS test`), else null. */
  baseStage: number | null;
  /** The instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
  /** Its layers are part of the built image: the target stage and the stages it builds on. */
  shipped: boolean;
}

export interface DockerfileModel {
  file: ParsedDockerfile;
  /** Instructions before the first FROM (normally only ARG). */
  preamble: Instruction[];
  /** ARGs declared before the first FROM, with their defaults (undefined when none). */
  globalArgs: Map<string, string | undefined>;
  stages: Stage[];
  /** The stage being built (the target, else the last), then the stages it builds on, nearest first. */
  built: Stage[];
}

export interface ModelOptions {
  /** `--target`: the stage being built. The last stage when absent or unknown. */
  target?: string;
}

export function buildModel(text: string, options: ModelOptions = {}): DockerfileModel {
  const file = parseDockerfile(text);
  const preamble: Instruction[] = [];
  const globalArgs = new Map<string, string | undefined>();
  const stages: Stage[] = [];

  for (const instruction of file.instructions) {
    const current = stages.at(-1);
    if (instruction.keyword === 'FROM') {
      stages.push(stageOf(instruction, stages, globalArgs));
    } else if (current) {
      current.instructions.push(instruction);
    } else {
      preamble.push(instruction);
      if (instruction.keyword === 'ARG') for (const [name, value] of argDeclarations(instruction)) globalArgs.set(name, value);
    }
  }
  const built = builtChain(stages, options.target);
  for (const stage of built) stage.shipped = true;
  return { file, preamble, globalArgs, stages, built };
}

function stageOf(from: Instruction, earlier: Stage[], globalArgs: Map<string, string | undefined>): Stage {
  const words = splitWords(from.rest);
  const image = words[0] ?? '';
  const name = words[1]?.toLowerCase() === 'as' && words[2] ? words[2].toLowerCase() : null;
  const resolvedImage = substituteArgs(image, globalArgs);
  const base =
    resolvedImage === null ? undefined : earlier.find((stage) => stage.name !== null && stage.name === resolvedImage.toLowerCase());
  return { index: earlier.length, name, from, image, resolvedImage, baseStage: base?.index ?? null, instructions: [], shipped: false };
}

function builtChain(stages: Stage[], target: string | undefined): Stage[] {
  const wanted = target?.trim().toLowerCase();
  const chain: Stage[] = [];
  let stage: Stage | undefined = (wanted && stages.find((candidate) => candidate.name === wanted)) || stages.at(-1);
  while (stage && !chain.includes(stage)) {
    chain.push(stage);
    stage = stage.baseStage === null ? undefined : stages[stage.baseStage];
  }
  return chain;
}

/** `ARG A=1 B` → [['A', '1'], ['B', undefined]]. */
export function argDeclarations(instruction: Instruction): [string, string | undefined][] {
  return splitWords(instruction.rest).map((word) => {
    const equals = word.indexOf('=');
    return equals < 0 ? [word, undefined] : [word.slice(0, equals), word.slice(equals + 1).replace(/^(["'])(.*)\1$/, '$2')];
  });
}

/**
 * `$X`, `${X}`, `${X:-default}` and `${X-default}` replaced by ARG defaults; null when a variable has
 * no value we can know (it is given with --build-arg at build time).
 */
export function substituteArgs(text: string, args: Map<string, string | undefined>): string | null {
  let unknown = false;
  const result = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_match, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const value = args.get((braced ?? bare)!);
      if (op === '-') return value ? value : (word ?? '');
      if (op === '+') return value ? (word ?? '') : '';
      if (value === undefined) unknown = true;
      return value ?? '';
    },
  );
  return unknown ? null : result;
}
