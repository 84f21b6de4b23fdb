// hadolint DL3025, narrowed. Shell form runs the command under `/bin/sh -c`: for ENTRYPOINT that also
// throws away CMD and `docker run` arguments; for a plain CMD it puts a shell between the container and
// the program for no gain. A CMD that needs the shell ($VARS, &&, pipes) is left alone.
import type { Instruction } from '@/lib/dockerfile/parse';
import { parseShell } from '@/lib/dockerfile/shell';
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

const NEEDS_SHELL = /[$`*?~|&;<>(){}\\]/;

const execForm = (words: string[]) => `[${words.map((word) => JSON.stringify(word)).join(', ')}]`;

export const jsonForm: Rule = (model) => model.stages.flatMap((stage) => stage.instructions.flatMap((instruction) => check(instruction)));

function check(instruction: Instruction) {
  if ((instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') || instruction.json || instruction.rest === '') return [];
  const commands = parseShell(instruction.rest);
  const words = commands.length === 1 && !NEEDS_SHELL.test(instruction.rest) ? commands[0]!.words : null;
  // `exec` already hands the process over to the program; only ENTRYPOINT still loses its arguments.
  const startsWithExec = words?.[0] === 'exec';
  const simple = startsWithExec ? words!.slice(1) : words;
  if (instruction.keyword === 'ENTRYPOINT') {
    return [
      finding(
        'json-form',
        instruction,
        'warning',
        'ENTRYPOINT in shell form runs under /bin/sh -c: CMD and docker run arguments are ignored, and signals go to sh.',
        simple
          ? `Write ENTRYPOINT ${execForm(simple)}.`
          : 'Write it in exec form, ENTRYPOINT ["program", "arg"], or move a shell script into a file.',
      ),
    ];
  }
  // `CMD npm start` has its own finding (npm-start) whose fix is the exec form of the real program.
  if (!simple || startsWithExec || /^(npm|yarn|pnpm)$/.test(simple[0] ?? '')) return [];
  return [
    finding(
      'json-form',
      instruction,
      'info',
      `CMD in shell form runs ${simple[0]} under /bin/sh -c, which may keep SIGTERM from reaching it.`,
      `Write CMD ${execForm(simple)}.`,
    ),
  ];
}
