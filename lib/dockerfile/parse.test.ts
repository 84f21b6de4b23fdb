import { describe, expect, it } from 'vitest';
import { parseDockerfile, splitWords } from '@/lib/dockerfile/parse';
import { file } from '@/lib/dockerfile/testing';

const summary = (text: string) =>
  parseDockerfile(text).instructions.map(({ keyword, line, endLine, rest }) => ({ keyword, line, endLine, rest }));

describe('parseDockerfile', () => {
  it('reads instructions case-insensitively, with 1-based start and end lines', () => {
    expect(summary(file('from node:22', '', 'run echo hi', 'Cmd ["node"]'))).toEqual([
      { keyword: 'FROM', line: 1, endLine: 1, rest: 'node:22' },
      { keyword: 'RUN', line: 3, endLine: 3, rest: 'echo hi' },
      { keyword: 'CMD', line: 4, endLine: 4, rest: '["node"]' },
    ]);
  });

  it('joins continuation lines the way BuildKit does, skipping comments and blank lines inside them', () => {
    const parsed = summary(
      file('FROM debian:12', 'RUN apt-get update \\', '  # why: fresh lists', '', '  && apt-get install -y curl', 'USER app'),
    );
    expect(parsed[1]).toEqual({ keyword: 'RUN', line: 2, endLine: 5, rest: 'apt-get update   && apt-get install -y curl' });
    expect(parsed[2]).toMatchObject({ keyword: 'USER', line: 6 });
    expect(parseDockerfile(file('FROM a:1', 'RUN a \\', '# note --init here', '  b')).comments).toEqual([
      { line: 3, text: 'note --init here' },
    ]);
  });

  it('allows whitespace after the escape character and a continuation that runs into the end of the file', () => {
    expect(summary(file('FROM a:1', 'RUN one \\  ', 'two \\'))[1]).toEqual({ keyword: 'RUN', line: 2, endLine: 3, rest: 'one two' });
  });

  it('honours `# escape=`` ` so backslashes are plain characters (Windows paths)', () => {
    const parsed = parseDockerfile(
      file('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN dir c:\\ `', '  && echo done'),
    );
    expect(parsed.escape).toBe('`');
    expect(parsed.instructions[1]).toMatchObject({ line: 3, endLine: 4, rest: 'dir c:\\   && echo done' });
  });

  it('reads directives only at the very top: after a comment they are ordinary comments', () => {
    const parsed = parseDockerfile(file('# a comment', '# escape=`', 'FROM a:1', 'RUN x \\', '  y'));
    expect(parsed.escape).toBe('\\');
    expect(parsed.instructions[1]!.rest).toBe('x   y');
    expect(parsed.comments.map((comment) => comment.line)).toEqual([1, 2]);
  });

  it('tells exec (JSON) form from shell form, falling back to shell form on bad JSON', () => {
    const [cmd, entrypoint, broken] = parseDockerfile(
      file('CMD ["node", "server.js"]', 'ENTRYPOINT node server.js', "CMD ['node']"),
    ).instructions;
    expect(cmd!.json).toEqual(['node', 'server.js']);
    expect(entrypoint!.json).toBeNull();
    expect(broken!.json).toBeNull();
  });

  it('separates leading flags from the arguments', () => {
    const [copy, run] = parseDockerfile(
      file('COPY --from=build --chown=app:app /out /app', 'RUN --mount=type=cache,target=/root/.npm --network=none npm ci'),
    ).instructions;
    expect(copy!.flags).toEqual([
      { name: 'from', value: 'build' },
      { name: 'chown', value: 'app:app' },
    ]);
    expect(copy!.rest).toBe('/out /app');
    expect(run!.flags.map((flag) => flag.name)).toEqual(['mount', 'network']);
    expect(run!.rest).toBe('npm ci');
  });

  it('skips heredoc bodies, so their lines are never read as instructions', () => {
    const text = file(
      'FROM alpine:3.20',
      'RUN <<EOF',
      'apk add curl',
      'FROM looks like an instruction',
      'EOF',
      'COPY <<-"CONF" /etc/app.conf',
      '\tkey=value',
      '\tCONF',
      'CMD ["app"]',
    );
    const parsed = parseDockerfile(text);
    expect(parsed.instructions.map((instruction) => [instruction.keyword, instruction.line, instruction.endLine])).toEqual([
      ['FROM', 1, 1],
      ['RUN', 2, 5],
      ['COPY', 6, 8],
      ['CMD', 9, 9],
    ]);
    expect(parsed.instructions[1]!.heredocs).toEqual([
      { name: 'EOF', body: 'apk add curl\nFROM looks like an instruction', stripTabs: false, endLine: 5 },
    ]);
    expect(parsed.instructions[2]!.heredocs[0]).toMatchObject({ name: 'CONF', body: 'key=value', stripTabs: true });
  });

  it('reads several heredocs of one instruction in order, and does not take a shift for one', () => {
    const parsed = parseDockerfile(
      file('FROM a:1', 'COPY <<A <<B /dir/', 'one', 'A', 'two', 'B', 'RUN echo $((1<<2)) $((a<<b))', 'USER app'),
    );
    expect(parsed.instructions[1]!.heredocs.map((heredoc) => heredoc.body)).toEqual(['one', 'two']);
    expect(parsed.instructions.map((instruction) => instruction.keyword)).toEqual(['FROM', 'COPY', 'RUN', 'USER']);
  });

  it('handles CRLF line endings and never throws on an empty or half-typed file', () => {
    expect(summary('FROM a:1\r\nRUN b\r\n').map((instruction) => instruction.line)).toEqual([1, 2]);
    expect(parseDockerfile('').instructions).toEqual([]);
    expect(() => parseDockerfile('RUN <<EOF\nno end\nCOPY [')).not.toThrow();
  });
});

describe('splitWords', () => {
  it('splits on whitespace and removes surrounding quotes', () => {
    expect(splitWords('"my file.txt" \'b\' c')).toEqual(['my file.txt', 'b', 'c']);
  });
});
