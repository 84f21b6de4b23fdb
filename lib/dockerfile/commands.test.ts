import { describe, expect, it } from 'vitest';
import { argvsOf, operandsOf, runs } from '@/lib/dockerfile/commands';
import { parseDockerfile } from '@/lib/dockerfile/parse';

const instruction = (text: string) => parseDockerfile(text).instructions[0]!;

describe('argvsOf', () => {
  it('reads shell form, exec form and exec-form sh -c scripts alike', () => {
    expect(argvsOf(instruction('RUN apt-get update && sudo apt-get install -y curl'))).toEqual([
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'curl'],
    ]);
    expect(argvsOf(instruction('CMD ["node", "server.js"]'))).toEqual([['node', 'server.js']]);
    expect(argvsOf(instruction('CMD ["/bin/sh", "-c", "exec npm start"]'))).toEqual([['npm', 'start']]);
  });

  it('reads a shell heredoc body as the script, but not a Python one', () => {
    expect(argvsOf(instruction('RUN <<EOF\nset -e\napt-get update\nEOF'))).toEqual([
      ['set', '-e'],
      ['apt-get', 'update'],
    ]);
    expect(argvsOf(instruction('RUN bash -ex <<EOF\nmake\nEOF'))).toEqual([['make']]);
    expect(argvsOf(instruction('RUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF'))).toEqual([]);
    expect(argvsOf(instruction('RUN python3 <<EOF\nimport os; os.remove("x")\nEOF'))).toEqual([['python3']]);
  });
});

describe('runs and operandsOf', () => {
  it('matches a program and its subcommand past options and -o pairs', () => {
    expect(runs(['apt-get', '-o', 'Acquire::Retries=3', '-y', 'install', 'curl'], 'apt-get', 'install')).toBe(true);
    expect(runs(['/usr/local/go/bin/go', 'mod', 'download'], 'go', 'mod', 'download')).toBe(true);
    expect(runs(['go', 'build'], 'go', 'mod')).toBe(false);
    expect(operandsOf(['apt-get', '-qq', '-o', 'Dpkg::Use-Pty=0', 'install', 'curl'])).toEqual(['install', 'curl']);
  });
});
