// A Dockerfile parser that follows BuildKit's reading rules closely enough for linting: parser
// directives, line continuations with either escape character, comments and blank lines inside a
// continuation, exec (JSON) vs shell form, leading --flags, and heredocs. It never throws: a linter
// runs on every keystroke, so a half-typed file still parses into what it can.

export interface Flag {
  name: string;
  /** Empty for a bare `--flag`. */
  value: string;
}

export interface Heredoc {
  name: string;
  body: string;
  /** `<<-` strips leading tabs from the body and the terminator. */
  stripTabs: boolean;
  /** 1-based line of the terminator (or the file's last line if it never comes). */
  endLine: number;
}

export interface Instruction {
  /** Upper-cased: instructions are case-insensitive. */
  keyword: string;
  /** 1-based line where the instruction starts. */
  line: number;
  endLine: number;
  /** Everything after the keyword, continuations joined. */
  args: string;
  /** Leading `--name=value` options (`--from`, `--mount`, `--platform`, …). */
  flags: Flag[];
  /** `args` without the leading flags. */
  rest: string;
  /** Exec form: `rest` as a JSON array of strings; null for shell form. */
  json: string[] | null;
  heredocs: Heredoc[];
}

export interface Comment {
  line: number;
  text: string;
}

export interface ParsedDockerfile {
  escape: '\\' | '`';
  instructions: Instruction[];
  /** Comments outside instructions, without the `#`. */
  comments: Comment[];
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const FLAG = /^--([A-Za-z][\w-]*)(?:=(\S*))?(\s+|$)/;
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` starting a word, as BuildKit reads them: `$((a<<b))` is a shift.
export const HEREDOC_MARKER = /(?<=^|\s)<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.split(/\r\n|\r|\n/);
  let escape: '\\' | '`' = '\\';
  const instructions: Instruction[] = [];
  const comments: Comment[] = [];
  const isSkippable = (line: string) => line.trim() === '' || line.trim().startsWith('#');

  // Directives count only before the first comment, blank line or instruction, as in BuildKit.
  let index = 0;
  for (; index < lines.length; index++) {
    const directive = DIRECTIVE.exec(lines[index]!.trim());
    if (!directive) break;
    const value = directive[2]!;
    if (directive[1]!.toLowerCase() === 'escape' && (value === '\\' || value === '`')) escape = value;
  }
  const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);

  while (index < lines.length) {
    const raw = lines[index]!;
    const trimmed = raw.trim();
    if (trimmed === '') {
      index++;
      continue;
    }
    if (trimmed.startsWith('#')) {
      comments.push({ line: index + 1, text: trimmed.slice(1).trim() });
      index++;
      continue;
    }

    const line = index + 1;
    let logical = '';
    let current = raw;
    // Joined without a newline, as BuildKit does: `a \` + `  b` reads `a   b`.
    while (continuation.test(current)) {
      logical += current.replace(continuation, '');
      let next = index + 1;
      for (; next < lines.length && isSkippable(lines[next]!); next++) {
        const inner = lines[next]!.trim();
        if (inner.startsWith('#')) comments.push({ line: next + 1, text: inner.slice(1).trim() });
      }
      if (next >= lines.length) {
        current = '';
        break;
      }
      index = next;
      current = lines[index]!;
    }
    logical += current;
    index++;

    const instruction = splitInstruction(logical, line, index);
    if (HEREDOC_KEYWORDS.has(instruction.keyword) && instruction.json === null) {
      index = readHeredocs(instruction, lines, index);
    }
    instructions.push(instruction);
  }
  return { escape, instructions, comments };
}

function splitInstruction(logical: string, line: number, endLine: number): Instruction {
  const match = /^\s*(\S+)\s*([\s\S]*?)\s*$/.exec(logical);
  const keyword = (match?.[1] ?? '').toUpperCase();
  const args = match?.[2] ?? '';
  const flags: Flag[] = [];
  let rest = args;
  for (let flag = FLAG.exec(rest); flag; flag = FLAG.exec(rest)) {
    flags.push({ name: flag[1]!.toLowerCase(), value: flag[2] ?? '' });
    rest = rest.slice(flag[0].length);
  }
  return { keyword, line, endLine, args, flags, rest, json: parseJsonForm(rest), heredocs: [] };
}

/** `["a", "b"]` → ['a', 'b']; anything else (BuildKit falls back to shell form) → null. */
function parseJsonForm(rest: string): string[] | null {
  if (!rest.startsWith('[')) return null;
  try {
    const value: unknown = JSON.parse(rest);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
  } catch {
    return null;
  }
}

/** Reads the bodies of every heredoc the instruction opens, in order; returns the next line index. */
function readHeredocs(instruction: Instruction, lines: string[], start: number): number {
  let index = start;
  for (const marker of instruction.rest.matchAll(HEREDOC_MARKER)) {
    const stripTabs = marker[1] === '-';
    const name = marker[3]!;
    const body: string[] = [];
    while (index < lines.length) {
      const raw = lines[index]!;
      index++;
      const candidate = stripTabs ? raw.replace(/^\t+/, '') : raw;
      if (candidate === name) break;
      body.push(candidate);
    }
    instruction.heredocs.push({ name, body: body.join('\n'), stripTabs, endLine: index });
    instruction.endLine = index;
  }
  return index;
}

/** Whitespace-separated words of a shell-form argument list, surrounding quotes removed. */
export function splitWords(rest: string): string[] {
  return (rest.match(/"(?:[^"\\]|\\.)*"|'[^']*'|\S+/g) ?? []).map((word) => word.replace(/^(["'])([\s\S]*)\1$/, '$2'));
}

export function flagValue(instruction: Instruction, name: string): string | undefined {
  return instruction.flags.find((flag) => flag.name === name)?.value;
}
