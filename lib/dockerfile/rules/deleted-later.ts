// Deleting in a later RUN what an earlier instruction wrote: every layer ships, so the bytes stay in
// the image and the `rm` only hides them. Only stages whose layers end up in the built image count.
import type { DockerfileFinding } from '@/lib/api/dockerfile';
import { commandsOf, operandsOf } from '@/lib/dockerfile/commands';
import { HEREDOC_MARKER, splitWords, type Instruction } from '@/lib/dockerfile/parse';
import { basename, deletes, resolvePath } from '@/lib/dockerfile/paths';
import { commandArgv, programName, type SimpleCommand } from '@/lib/dockerfile/shell';
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

interface Written {
  path: string;
  /** Downloads, archives, clones, package lists: big enough that the waste matters (a warning). */
  bulky: boolean;
}

const ARCHIVE = /\.(tar|tgz|tbz2?|txz|gz|bz2|xz|zst|zip|7z|jar|war|deb|rpm|apk|whl|iso|img|bin)$/i;
const URL = /^(https?|ftp):\/\//i;

export const deletedLater: Rule = (model) =>
  model.stages
    .filter((stage) => stage.shipped)
    .flatMap((stage) => {
      let workdir = '/';
      const written: (Written & { by: Instruction })[] = [];
      const findings: DockerfileFinding[] = [];
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'WORKDIR') workdir = resolvePath(workdir, splitWords(instruction.rest)[0] ?? '/');
        if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
          written.push(...copied(instruction, workdir).map((entry) => ({ ...entry, by: instruction })));
        }
        if (instruction.keyword !== 'RUN') continue;
        const run = readRun(instruction, workdir);
        const hit = run.removed.flatMap((target) =>
          written.filter((entry) => deletes(target, entry.path)).map((entry) => ({ target, entry })),
        )[0];
        if (hit) {
          const { target, entry } = hit;
          findings.push(
            finding(
              'deleted-later',
              instruction,
              entry.bulky ? 'warning' : 'info',
              `Removing ${target} here frees nothing: ${entry.path} stays in the layer line ${entry.by.line} wrote, and every layer ships.`,
              entry.by.keyword === 'RUN'
                ? `Delete it in the same RUN that creates it (line ${entry.by.line}).`
                : `Use it from a build stage (COPY --from only what you need) or RUN --mount=type=bind instead of ${entry.by.keyword}.`,
            ),
          );
          // One finding per deleted thing: later deletions of the same path say nothing new.
          for (let i = written.length - 1; i >= 0; i--) if (deletes(target, written[i]!.path)) written.splice(i, 1);
        }
        written.push(...run.created.map((entry) => ({ ...entry, by: instruction })));
      }
      return findings;
    });

/** Where COPY / ADD put things: `dest` itself, or `dest/<source name>` for each source. */
function copied(instruction: Instruction, workdir: string): Written[] {
  const words = instruction.json ?? splitWords(instruction.rest.replace(HEREDOC_MARKER, '$3'));
  const dest = words.at(-1);
  if (!dest || words.length < 2) return [];
  const target = resolvePath(workdir, dest);
  const sources = words.slice(0, -1).map((source) => source.replace(/[?#].*$/, ''));
  const bulky = sources.some((source) => URL.test(source) || ARCHIVE.test(source));
  if (!dest.endsWith('/') && sources.length === 1) return [{ path: target, bulky }];
  const named = sources.filter((source) => source !== '.' && !/[*?]/.test(source));
  return [
    { path: target, bulky },
    ...named.map((source) => ({ path: resolvePath(target, basename(source)), bulky: URL.test(source) || ARCHIVE.test(source) })),
  ];
}

/**
 * What a RUN leaves written (downloads, redirections, extractions, clones, copies) and which of its
 * removals delete nothing it wrote itself — those can only be aimed at earlier layers.
 */
function readRun(instruction: Instruction, workdir: string): { created: Written[]; removed: string[] } {
  let cwd = workdir;
  let created: Written[] = [];
  const removed: string[] = [];
  for (const command of commandsOf(instruction)) {
    const argv = commandArgv(command.words);
    const name = programName(argv);
    if (name === 'cd' && argv[1]) cwd = resolvePath(cwd, argv[1]);
    if (name === 'rm') {
      for (const target of operandsOf(argv).map((path) => resolvePath(cwd, path))) {
        const kept = created.filter((entry) => !deletes(target, entry.path));
        if (kept.length === created.length) removed.push(target);
        created = kept;
      }
    }
    created.push(...writes(command, argv, name).map((entry) => ({ ...entry, path: resolvePath(cwd, entry.path) })));
  }
  return { created, removed };
}

function writes(command: SimpleCommand, argv: string[], name: string): Written[] {
  const found: Written[] = command.redirects
    .filter((redirect) => /^\d*>>?$|^&>>?$|^>\|$/.test(redirect.op) && !redirect.target.startsWith('/dev/'))
    .map((redirect) => ({ path: redirect.target, bulky: false }));
  const add = (path: string | undefined, bulky = true) => {
    if (path && path !== '-' && !path.startsWith('/dev/')) found.push({ path, bulky });
  };
  const option = optionReader(argv);

  if (name === 'curl') add(option('-o', '--output'));
  if (name === 'wget') {
    const url = operandsOf(argv).find((word) => URL.test(word));
    const prefix = option('-P', '--directory-prefix');
    const file = url && basename(url.replace(/[?#].*$/, ''));
    add(option('-O', '--output-document') ?? (file && (prefix ? `${prefix}/${file}` : file)));
  }
  if (name === 'tar' && argv.slice(1).some((word) => /^-?[a-zA-Z]*x[a-zA-Z]*$/.test(word) || word === '--extract'))
    add(option('-C', '--directory'));
  if (name === 'unzip') add(option('-d'));
  if (name === 'git' && argv[1] === 'clone') {
    const [, url, dir] = operandsOf(argv);
    add(dir ?? (url ? basename(url).replace(/\.git$/, '') : undefined));
  }
  if (name === 'cp') add(operandsOf(argv).at(-1), false);
  if (/^apt(-get)?$/.test(name) && operandsOf(argv)[0] === 'update') add('/var/lib/apt/lists');
  return found;
}

/** The value of an option, spelt `-o v`, `--output=v` or bundled `-fsSLo v` / `-qO-`. */
function optionReader(argv: string[]) {
  return (...names: string[]): string | undefined => {
    for (let i = 1; i < argv.length; i++) {
      const word = argv[i]!;
      for (const candidate of names) {
        if (word === candidate) return argv[i + 1];
        if (candidate.startsWith('--') && word.startsWith(`${candidate}=`)) return word.slice(candidate.length + 1);
        const bundled = candidate.length === 2 && new RegExp(`^-[a-zA-Z]*${candidate[1]}(.*)$`).exec(word);
        if (bundled) return bundled[1] || argv[i + 1];
      }
    }
    return undefined;
  };
}
