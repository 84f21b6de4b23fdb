// Just enough of a POSIX shell reader to see which commands a RUN, CMD or ENTRYPOINT runs: split on
// `&&`, `||`, `;`, `|`, `&` and newlines, honour quotes, `$(…)` and backticks, pick out redirections.
// It does not expand anything; rules compare words as written.

export interface Redirect {
  /** `>`, `>>`, `<`, `&>`, `2>`, `>&`, `<<`, … */
  op: string;
  target: string;
}

export interface SimpleCommand {
  /** Words as the command sees them (quotes removed, nothing expanded). */
  words: string[];
  redirects: Redirect[];
  /** The operator before this command: '' for the first, or `&&`, `||`, `;`, `|`, `&`, a newline. */
  after: string;
}

const OPERATORS = ['&&', '||', ';;', '|&', ';', '|', '&', '\n', '(', ')'];
const REDIRECT = /^(>>|>&|>\||>|<<-|<<<|<<|<&|<>|<|&>>|&>)/;
// Reserved words that start a compound command: what follows them is still a command to look at.
const LEADING_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}', 'time']);
const SKIPPED_KEYWORDS = new Set(['for', 'case', 'fi', 'done', 'esac', 'in']);

export function parseShell(script: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let redirects: Redirect[] = [];
  let after = '';
  let word: string | null = null;
  let pendingRedirect: string | null = null;
  const pendingHeredocs: { name: string; stripTabs: boolean }[] = [];
  let i = 0;

  const endWord = () => {
    if (word === null) return;
    if (pendingRedirect !== null) {
      redirects.push({ op: pendingRedirect, target: word });
      if (pendingRedirect.startsWith('<<') && pendingRedirect !== '<<<')
        pendingHeredocs.push({ name: word, stripTabs: pendingRedirect === '<<-' });
      pendingRedirect = null;
    } else words.push(word);
    word = null;
  };
  const endCommand = (operator: string) => {
    endWord();
    const kept = stripKeywords(words);
    if (kept.length > 0 || redirects.length > 0) commands.push({ words: kept, redirects, after });
    words = [];
    redirects = [];
    after = operator;
  };

  while (i < script.length) {
    const char = script[i]!;
    if (char === '\\' && script[i + 1] === '\n') {
      i += 2;
    } else if (char === '\\') {
      word = (word ?? '') + (script[i + 1] ?? '');
      i += 2;
    } else if (char === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close < 0 ? script.length : close;
      word = (word ?? '') + script.slice(i + 1, end);
      i = end + 1;
    } else if (char === '"') {
      const { text, next } = readDoubleQuoted(script, i + 1);
      word = (word ?? '') + text;
      i = next;
    } else if (char === '$' && script[i + 1] === '(') {
      const next = matchParen(script, i + 1);
      word = (word ?? '') + script.slice(i, next);
      i = next;
    } else if (char === '`') {
      const close = script.indexOf('`', i + 1);
      const end = close < 0 ? script.length : close + 1;
      word = (word ?? '') + script.slice(i, end);
      i = end;
    } else if (char === '#' && word === null) {
      while (i < script.length && script[i] !== '\n') i++;
    } else if (char === ' ' || char === '\t') {
      endWord();
      i++;
    } else if (char === '>' || char === '<' || (char === '&' && script[i + 1] === '>')) {
      const op = REDIRECT.exec(script.slice(i))![0];
      // `2>`: the digits just read name a file descriptor, not a word.
      const fd = word !== null && /^\d+$/.test(word) ? word : '';
      if (fd) word = null;
      endWord();
      pendingRedirect = fd + op;
      i += op.length;
    } else {
      const operator = OPERATORS.find((op) => script.startsWith(op, i));
      if (operator) {
        endCommand(operator);
        i += operator.length;
        if (operator === '\n' && pendingHeredocs.length > 0) i = skipHeredocBodies(script, i, pendingHeredocs.splice(0));
        continue;
      }
      word = (word ?? '') + char;
      i++;
    }
  }
  endCommand('');
  return commands;
}

function stripKeywords(words: string[]): string[] {
  let start = 0;
  while (start < words.length && LEADING_KEYWORDS.has(words[start]!)) start++;
  const kept = words.slice(start);
  return kept.length > 0 && SKIPPED_KEYWORDS.has(kept[0]!) ? [] : kept;
}

function readDoubleQuoted(script: string, start: number): { text: string; next: number } {
  let text = '';
  let i = start;
  while (i < script.length && script[i] !== '"') {
    if (script[i] === '\\' && i + 1 < script.length) {
      text += script[i + 1] === '\n' ? '' : '"\\$`'.includes(script[i + 1]!) ? script[i + 1] : `\\${script[i + 1]}`;
      i += 2;
    } else if (script[i] === '$' && script[i + 1] === '(') {
      const next = matchParen(script, i + 1);
      text += script.slice(i, next);
      i = next;
    } else {
      text += script[i];
      i++;
    }
  }
  return { text, next: i + 1 };
}

/** Index just past the `)` that closes the `(` at `open`, skipping quoted text. */
function matchParen(script: string, open: number): number {
  let depth = 0;
  for (let i = open; i < script.length; i++) {
    const char = script[i];
    if (char === "'") i = Math.max(i, script.indexOf("'", i + 1));
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i + 1;
  }
  return script.length;
}

function skipHeredocBodies(script: string, start: number, heredocs: { name: string; stripTabs: boolean }[]): number {
  let i = start;
  for (const heredoc of heredocs) {
    while (i < script.length) {
      const end = script.indexOf('\n', i);
      const line = script.slice(i, end < 0 ? script.length : end);
      i = end < 0 ? script.length : end + 1;
      if ((heredoc.stripTabs ? line.replace(/^\t+/, '') : line) === heredoc.name) break;
    }
  }
  return i;
}

const WRAPPERS = new Set(['sudo', 'exec', 'nohup', 'command', 'builtin', 'time', 'nice', 'doas']);
// Wrappers that take a user (or user:group) before the real command.
const USER_WRAPPERS = new Set(['gosu', 'su-exec', 'chpst', 'setpriv']);

/** The command's argv with `VAR=x` prefixes and `sudo` / `env` / `exec` / `gosu user` wrappers removed. */
export function commandArgv(words: readonly string[]): string[] {
  let start = 0;
  for (;;) {
    const word = words[start];
    if (word === undefined) break;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) start++;
    else if (WRAPPERS.has(word)) {
      start++;
      while (words[start]?.startsWith('-')) start++;
    } else if (word === 'env') {
      start++;
      while (words[start]?.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[start] ?? '')) start++;
    } else if (USER_WRAPPERS.has(word)) start += 2;
    else break;
  }
  return words.slice(start);
}

/** Last path component: `/usr/local/bin/node` → `node`. */
export function programName(argv: readonly string[]): string {
  return (argv[0] ?? '').split('/').pop() ?? '';
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** `sh -c "script"` / `bash -ec '…'` → the script; anything else → null. */
export function shellScriptOf(argv: readonly string[]): string | null {
  if (!SHELLS.has(programName(argv))) return null;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('-')) return null;
    if (/^-[a-z]*c[a-z]*$/.test(word)) return argv[i + 1] ?? null;
    if (word === '-o') i++;
  }
  return null;
}
