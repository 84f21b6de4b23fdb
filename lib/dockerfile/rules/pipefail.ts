// hadolint DL4006, narrowed to where it bites: `curl … | sh` or `wget -O- … | tar x`. /bin/sh reports
// only the last command of a pipe, so a failed download feeds nothing to the next command, which
// succeeds, and the build carries on with a step that did nothing.
import { commandsOf } from '@/lib/dockerfile/commands';
import type { Stage } from '@/lib/dockerfile/model';
import { commandArgv, programName } from '@/lib/dockerfile/shell';
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

const DOWNLOADERS = new Set(['curl', 'wget']);

export const pipefail: Rule = (model) =>
  model.stages.flatMap((stage) =>
    stage.instructions.flatMap((instruction, index) => {
      if (instruction.keyword !== 'RUN' || shellHasPipefail(model.stages, stage, index)) return [];
      const commands = commandsOf(instruction).map((command) => ({ ...command, argv: commandArgv(command.words) }));
      if (commands.some((command) => programName(command.argv) === 'set' && command.argv.includes('pipefail'))) return [];
      const piped = commands.findIndex(
        (command, i) => command.after === '|' && i > 0 && DOWNLOADERS.has(programName(commands[i - 1]!.argv)),
      );
      if (piped < 0) return [];
      const downloader = programName(commands[piped - 1]!.argv);
      const consumer = programName(commands[piped]!.argv) || 'the next command';
      return [
        finding(
          'pipefail',
          instruction,
          'warning',
          `If ${downloader} fails, ${consumer} still succeeds on empty input and the build goes on as if this step worked.`,
          'Add SHELL ["/bin/bash", "-o", "pipefail", "-c"] above this RUN (Alpine: ["/bin/ash", "-eo", "pipefail", "-c"]), or start the RUN with set -o pipefail.',
        ),
      ];
    }),
  );

/**
 * Whether the SHELL in effect at this point has `-o pipefail`: the last SHELL before it in the stage,
 * or, when the stage has none, the one in effect at the end of the stage it builds on. An earlier SHELL
 * with pipefail that a later SHELL replaced does not count.
 */
function shellHasPipefail(stages: Stage[], stage: Stage, before: number): boolean {
  const shell = stage.instructions.slice(0, before).findLast((instruction) => instruction.keyword === 'SHELL');
  if (shell) return /pipefail/.test(shell.args);
  const base = stage.baseStage === null ? undefined : stages[stage.baseStage];
  return base !== undefined && shellHasPipefail(stages, base, base.instructions.length);
}
