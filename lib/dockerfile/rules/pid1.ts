// The container's main process is PID 1. The kernel gives PID 1 no default signal handling, so a Node
// or Python app ignores SIGTERM unless it installs a handler (docker stop then waits 10 s and kills it),
// and PID 1 must reap orphaned children, which an app runtime never does. An init (tini, dumb-init,
// `docker run --init`) does both. npm in between makes it worse: it does not reliably pass signals on.
import { commandsOf, operandsOf } from '@/lib/dockerfile/commands';
import type { DockerfileModel } from '@/lib/dockerfile/model';
import type { Instruction } from '@/lib/dockerfile/parse';
import { commandArgv, programName } from '@/lib/dockerfile/shell';
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

// Runtimes that install no SIGTERM handler of their own. The JVM and Ruby do, so they stop cleanly;
// only reaping would be missing, which matters only for apps that start child processes.
const RUNTIME = /^(node|nodejs|npm|npx|yarn|pnpm|bun|deno|python[\d.]*)$/;
const INIT = /^(tini|tini-static|dumb-init|catatonit|docker-init|init|s6-svscan|supervisord|runsvdir|pm2-runtime)$/;
// Anything that says an init is taken care of: installed, used, or a note that the container runs with --init.
const INIT_HINT = /\b(tini|dumb-init|catatonit|s6-overlay)\b|--init\b/;
const PACKAGE_RUNNERS = new Set(['npm', 'yarn', 'pnpm']);

/** The ENTRYPOINT and CMD the built image ends up with: the nearest ones along its stage chain. */
function startup(model: DockerfileModel): { entrypoint?: Instruction; cmd?: Instruction } {
  const nearest = (keyword: string) =>
    model.built.map((stage) => stage.instructions.filter((instruction) => instruction.keyword === keyword).at(-1)).find(Boolean);
  return { entrypoint: nearest('ENTRYPOINT'), cmd: nearest('CMD') };
}

/** The programs the instruction starts (a shell-form or `sh -c` script can start several in turn). */
const programsOf = (instruction: Instruction): string[][] =>
  commandsOf(instruction)
    .map((command) => commandArgv(command.words))
    .filter((argv) => argv.length > 0);

export const pid1NoInit: Rule = (model) => {
  const { entrypoint, cmd } = startup(model);
  const hinted =
    model.built.some((stage) => [stage.from, ...stage.instructions].some((instruction) => INIT_HINT.test(instruction.args))) ||
    model.file.comments.some((comment) => INIT_HINT.test(comment.text));
  if (hinted) return [];
  // An ENTRYPOINT we cannot see into (a script) may well exec an init or the CMD: say nothing then.
  const decides = entrypoint && !RUNTIME.test(programName(programsOf(entrypoint)[0] ?? [])) ? null : (entrypoint ?? cmd);
  if (!decides) return [];
  const programs = programsOf(decides);
  if (programs.some((argv) => INIT.test(programName(argv)))) return [];
  const runtime = programs.find((argv) => RUNTIME.test(programName(argv)));
  if (!runtime) return [];
  const name = programName(runtime);
  return [
    finding(
      'pid1-no-init',
      decides,
      'warning',
      `${name} runs as PID 1 without an init: it ignores SIGTERM unless it handles it (docker stop then waits 10 s) and never reaps orphaned processes.`,
      'Start it under an init: RUN apt-get install -y tini (or apk add tini), ENTRYPOINT ["tini", "--"]; or run the container with docker run --init.',
    ),
  ];
};

export const npmStart: Rule = (model) => {
  const { entrypoint, cmd } = startup(model);
  return [entrypoint, cmd].flatMap((instruction) => {
    if (!instruction) return [];
    const runner = programsOf(instruction).find(
      (argv) => PACKAGE_RUNNERS.has(programName(argv)) && ['start', 'run', 'run-script'].includes(operandsOf(argv)[0] ?? ''),
    );
    if (!runner) return [];
    const shown = runner.join(' ');
    return [
      finding(
        'npm-start',
        instruction,
        'info',
        `${shown} runs your app under ${programName(runner)} and a shell, which do not reliably pass SIGTERM on, so stopping the container waits for the kill.`,
        'Start the server directly, e.g. CMD ["node", "server.js"] (what the start script runs).',
      ),
    ];
  });
};
