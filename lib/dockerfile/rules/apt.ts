// apt-get in a Dockerfile: the package lists belong with the install that uses them, in one layer,
// and are removed in that same layer; and nothing may wait for an answer on a terminal that is not there.
import { argvsOf, commandsOf, operandsOf } from '@/lib/dockerfile/commands';
import type { Instruction } from '@/lib/dockerfile/parse';
import { commandArgv, programName } from '@/lib/dockerfile/shell';
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

// Commands that read the package lists `apt-get update` fetched.
const LIST_READERS = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download', 'satisfy']);
const CONFIRMS = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove', 'build-dep', 'satisfy']);

const aptVerb = (argv: string[]): string | undefined => (/^apt(-get)?$/.test(programName(argv)) ? operandsOf(argv)[0] : undefined);
const aptVerbs = (instruction: Instruction): (string | undefined)[] =>
  instruction.keyword === 'RUN' ? argvsOf(instruction).map(aptVerb) : [];

export const aptUpdateSeparate: Rule = (model) =>
  model.stages.flatMap((stage) =>
    stage.instructions.flatMap((instruction, index) => {
      const verbs = aptVerbs(instruction);
      if (!verbs.includes('update') || verbs.some((verb) => verb !== undefined && LIST_READERS.has(verb))) return [];
      const install = stage.instructions.slice(index + 1).find((later) => {
        const laterVerbs = aptVerbs(later);
        return laterVerbs.includes('install') && !laterVerbs.includes('update');
      });
      if (!install) return [];
      return [
        finding(
          'apt-update-separate',
          instruction,
          'warning',
          `apt-get update is cached apart from the install on line ${install.line}: when that install changes, it runs on stale package lists and can fail with 404s.`,
          `Run apt-get update && apt-get install -y … in one RUN (merge it into line ${install.line}).`,
        ),
      ];
    }),
  );

export const aptListsKept: Rule = (model) =>
  model.stages
    .filter((stage) => stage.shipped)
    .flatMap((stage) =>
      stage.instructions.flatMap((instruction) => {
        const verbs = aptVerbs(instruction);
        // Lists fetched by an earlier RUN live in that layer; removing them here would not help.
        if (!verbs.includes('install') || !verbs.includes('update') || removesLists(instruction) || cachesLists(instruction)) return [];
        return [
          finding(
            'apt-lists-kept',
            instruction,
            'warning',
            'The package lists apt-get update fetched stay in this layer (often 20–50 MB): only a removal in the same RUN keeps them out of the image.',
            'End this RUN with && rm -rf /var/lib/apt/lists/* (or mount /var/lib/apt/lists as a cache).',
          ),
        ];
      }),
    );

function removesLists(instruction: Instruction): boolean {
  return argvsOf(instruction).some((argv) => {
    const verb = aptVerb(argv);
    if (verb === 'distclean' || verb === 'dist-clean') return true;
    return /^(rm|find)$/.test(programName(argv)) && argv.slice(1).some((word) => /^\/var\/lib\/apt(\/lists)?\/?(\*|$|\/)/.test(word));
  });
}

function cachesLists(instruction: Instruction): boolean {
  return instruction.flags.some(
    (flag) => flag.name === 'mount' && /type=cache/.test(flag.value) && /target=\/var\/lib\/apt/.test(flag.value),
  );
}

export const aptNoYes: Rule = (model) =>
  model.stages.flatMap((stage) => {
    // `APT::Get::Assume-Yes "true";` written to apt.conf.d answers for every later apt-get.
    if (stage.instructions.some((instruction) => /Assume-Yes/i.test(instruction.args))) return [];
    return stage.instructions.flatMap((instruction) => {
      if (instruction.keyword !== 'RUN') return [];
      const unanswered = commandsOf(instruction)
        .filter((command) => command.after !== '|') // `yes | apt-get …` answers on stdin.
        .map((command) => commandArgv(command.words))
        .find((argv) => CONFIRMS.has(aptVerb(argv) ?? '') && !assumesYes(argv));
      if (!unanswered) return [];
      const command = `${programName(unanswered)} ${aptVerb(unanswered)}`;
      return [
        finding(
          'apt-no-yes',
          instruction,
          'warning',
          `${command} without -y asks “Do you want to continue?”; a build has no terminal to answer, so apt aborts.`,
          `Write ${command} -y.`,
        ),
      ];
    });
  });

function assumesYes(argv: string[]): boolean {
  return (
    quietLevel(argv) >= 2 || // quiet level 2 implies -y (apt-get(8))
    argv.some(
      (word, index) =>
        /^-[a-z]*y[a-z]*$/.test(word) ||
        word === '--yes' ||
        word === '--assume-yes' ||
        ((argv[index - 1] === '-o' || argv[index - 1] === '--option') && /^APT::Get::Assume-Yes=(true|1|yes)$/i.test(word)),
    )
  );
}

/** apt's quiet level: each `q` in a flag cluster and each `--quiet` adds one; `-q=N` / `--quiet=N` sets it. */
function quietLevel(argv: string[]): number {
  let level = 0;
  for (const word of argv) {
    const set = /^(?:-q|--quiet)=(\d+)$/.exec(word);
    if (set) level = Number(set[1]);
    else if (word === '--quiet') level += 1;
    else if (/^-[a-z]+$/.test(word)) level += [...word].filter((letter) => letter === 'q').length;
  }
  return level;
}
