// The shell commands an instruction runs, whichever way it is written: shell form, exec form
// (`["sh", "-c", "…"]` is read through to its script), or a RUN heredoc whose body is a shell script.
import { HEREDOC_MARKER, type Instruction } from '@/lib/dockerfile/parse';
import { commandArgv, parseShell, programName, shellScriptOf, type SimpleCommand } from '@/lib/dockerfile/shell';

const SHELL_INTERPRETERS = /^(?:|(?:\S*\/)?(?:sh|bash|ash|dash|zsh)(?:\s+-[a-z]+)*)$/;

/** Every simple command the instruction runs, in order. */
export function commandsOf(instruction: Instruction): SimpleCommand[] {
  if (instruction.json) {
    const script = shellScriptOf(instruction.json);
    return script === null ? [{ words: instruction.json, redirects: [], after: '' }] : parseShell(script);
  }
  if (instruction.heredocs.length === 0) return parseShell(instruction.rest);
  // `RUN <<EOF` and `RUN bash -e <<EOF` run their body as a script; `RUN python3 <<EOF` does not.
  const head = instruction.rest.replace(HEREDOC_MARKER, '').trim();
  if (!SHELL_INTERPRETERS.test(head)) return parseShell(instruction.rest);
  return instruction.heredocs.flatMap((heredoc) => (isShellScript(heredoc.body) ? parseShell(heredoc.body) : []));
}

function isShellScript(body: string): boolean {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
  if (!shebang) return true;
  const interpreter = shebang[1]!.endsWith('/env') ? (shebang[2] ?? '') : shebang[1]!;
  return /(?:^|\/)(?:sh|bash|ash|dash|zsh)$/.test(interpreter);
}

/** The commands as argv arrays, wrappers (`sudo`, `env X=1`, `exec`) removed. */
export function argvsOf(instruction: Instruction): string[][] {
  return commandsOf(instruction)
    .map((command) => commandArgv(command.words))
    .filter((argv) => argv.length > 0);
}

/** Does argv run `program subcommand…`, options aside? `runs(['go', 'mod', 'download', '-x'], 'go', 'mod', 'download')`. */
export function runs(argv: readonly string[], program: string, ...subcommand: string[]): boolean {
  if (programName(argv) !== program) return false;
  const operands = operandsOf(argv);
  return subcommand.every((part, index) => operands[index] === part);
}

/** The words after the program that are not options (`-o Name=value` pairs skipped whole). */
export function operandsOf(argv: readonly string[]): string[] {
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '-o' || word === '--option') i++;
    else if (!word.startsWith('-')) operands.push(word);
  }
  return operands;
}
