// A containerised process should log to stdout/stderr: that is what `docker logs` and every log
// driver read. A log file stays inside the container, unread, growing in its writable layer.
import { commandsOf } from '@/lib/dockerfile/commands';
import type { Instruction } from '@/lib/dockerfile/parse';
import { commandArgv, programName } from '@/lib/dockerfile/shell';
import { finding, type Rule } from '@/lib/dockerfile/rules/rule';

// `--log-file`, `--logfile`, `-logfile`, `--error-logfile`, `--access-logfile`, `--log-path`.
const LOG_OPTION = /^--?(?:[a-z]+-)?log-?(?:file|path)$/i;
// Spring Boot's `-Dlogging.file.name=…` and its older spelling `-Dlogging.file=…`.
const JAVA_LOG_PROPERTY = /^-Dlogging\.file(?:\.name)?=(.+)$/;
// nginx / Apache directives written by `echo … > site.conf`.
const CONFIG_LOG = /\b(?:access_log|error_log|ErrorLog|CustomLog)\s+["']?(\/var\/log\/[^\s;"']+)/;
const STREAM = /^(-|\/dev\/(stdout|stderr)|\/proc\/self\/fd\/[12]|syslog:.*|off|none)$/i;

const isLogPath = (path: string) => !STREAM.test(path) && (path.startsWith('/var/log/') || /\.log$/.test(path));

export const logToFile: Rule = (model) =>
  model.stages.flatMap((stage) => {
    // `RUN ln -sf /dev/stdout /var/log/nginx/access.log` is the usual fix: those paths are streams.
    const streamed = new Set(stage.instructions.filter((instruction) => instruction.keyword === 'RUN').flatMap(symlinkedToStreams));
    return stage.instructions.flatMap((instruction) => {
      const path = logFileOf(instruction);
      if (!path || streamed.has(path)) return [];
      return [
        finding(
          'log-to-file',
          instruction,
          'warning',
          `Logs go to ${path}, inside the container: docker logs shows nothing and the file grows until the container is removed.`,
          `Log to stdout/stderr instead, or RUN ln -sf /dev/stdout ${path}.`,
        ),
      ];
    });
  });

function logFileOf(instruction: Instruction): string | undefined {
  const runsAtStart = instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT';
  if (!runsAtStart && instruction.keyword !== 'RUN') return undefined;
  for (const command of commandsOf(instruction)) {
    const argv = commandArgv(command.words);
    if (runsAtStart) {
      const redirected = command.redirects.find((redirect) => /^(\d?>>?|&>>?)$/.test(redirect.op) && isLogPath(redirect.target));
      if (redirected) return redirected.target;
      const property = argv.map((word) => JAVA_LOG_PROPERTY.exec(word)?.[1]).find(Boolean);
      if (property && !STREAM.test(property)) return property;
      const option = argv.findIndex((word) => LOG_OPTION.test(word.split('=')[0]!));
      const value = option < 0 ? undefined : argv[option]!.includes('=') ? argv[option]!.split('=').slice(1).join('=') : argv[option + 1];
      if (value && !STREAM.test(value)) return value;
    } else if (programName(argv) === 'echo' || programName(argv) === 'printf') {
      // At build time only configuration is written; a build step's own output is not a runtime log.
      const configured = argv.map((word) => CONFIG_LOG.exec(word)?.[1]).find(Boolean);
      if (configured) return configured;
    }
  }
  return undefined;
}

function symlinkedToStreams(instruction: Instruction): string[] {
  return commandsOf(instruction).flatMap((command) => {
    const argv = commandArgv(command.words);
    if (programName(argv) !== 'ln') return [];
    const operands = argv.slice(1).filter((word) => !word.startsWith('-'));
    return operands.length === 2 && STREAM.test(operands[0]!) ? [operands[1]!] : [];
  });
}
