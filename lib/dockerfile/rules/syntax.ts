// Mistakes the builder itself rejects, caught while typing: an unknown instruction (often a missing
// line continuation above it) and instructions other than ARG before the first FROM.
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

const KNOWN = [
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
];

export const unknownInstruction: Rule = (model) =>
  model.file.instructions
    .filter((instruction) => !KNOWN.includes(instruction.keyword))
    .map((instruction) => {
      const near = KNOWN.find((known) => distance(known, instruction.keyword) <= (known.length > 4 ? 2 : 1));
      return finding(
        'unknown-instruction',
        instruction,
        'error',
        `${instruction.keyword} is not a Dockerfile instruction: the build stops here.`,
        near ? `Did you mean ${near}?` : `If this line continues the one above, end that line with ${model.file.escape}.`,
      );
    });

export const missingFrom: Rule = (model) => {
  const first = model.file.instructions[0];
  if (first && model.stages.length === 0) {
    return [
      finding(
        'missing-from',
        first,
        'error',
        'There is no FROM: every build starts from a base image.',
        'Add FROM <image>:<version> (or FROM scratch) at the top.',
      ),
    ];
  }
  return model.preamble
    .filter((instruction) => instruction.keyword !== 'ARG' && KNOWN.includes(instruction.keyword))
    .map((instruction) =>
      finding(
        'missing-from',
        instruction,
        'error',
        `${instruction.keyword} before the first FROM: only ARG may come first, so the build fails.`,
        'Move it below the FROM it belongs to.',
      ),
    );
};

/** Levenshtein distance, for “did you mean”. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
