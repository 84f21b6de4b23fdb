import { describe, expect, it } from 'vitest';
import { commandArgv, parseShell, programName, shellScriptOf } from '@/lib/dockerfile/shell';

const words = (script: string) => parseShell(script).map((command) => command.words);

describe('parseShell', () => {
  it('splits commands on &&, ||, ;, pipes, & and newlines, remembering the operator before each', () => {
    const commands = parseShell('a 1 && b || c; d | e & f\ng');
    expect(commands.map((command) => command.words[0])).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(commands.map((command) => command.after)).toEqual(['', '&&', '||', ';', '|', '&', '\n']);
  });

  it('keeps quoted text, $(…) and backticks inside one word', () => {
    expect(words(`echo "a && b" 'c; d' x="$(date +%s && true)" \`uname -m\``)).toEqual([
      ['echo', 'a && b', 'c; d', 'x=$(date +%s && true)', '`uname -m`'],
    ]);
  });

  it('reads redirections, file descriptors included, as targets rather than words', () => {
    const [command] = parseShell('node app.js >> /var/log/app.log 2>&1');
    expect(command!.words).toEqual(['node', 'app.js']);
    expect(command!.redirects).toEqual([
      { op: '>>', target: '/var/log/app.log' },
      { op: '2>&', target: '1' },
    ]);
    expect(parseShell('cmd &>/tmp/out')[0]!.redirects).toEqual([{ op: '&>', target: '/tmp/out' }]);
  });

  it('looks through compound commands and drops comments and keywords', () => {
    expect(words('if [ -f x ]; then rm x; fi # done\nfor f in a b; do echo $f; done')).toEqual([
      ['[', '-f', 'x', ']'],
      ['rm', 'x'],
      ['echo', '$f'],
    ]);
    expect(words('(cd /src && make) && { echo ok; }')).toEqual([['cd', '/src'], ['make'], ['echo', 'ok']]);
  });

  it('skips the body of a heredoc inside a script', () => {
    expect(words('cat <<EOF > /etc/x.conf\nrm -rf /\nEOF\necho next')).toEqual([['cat'], ['echo', 'next']]);
  });
});

describe('commandArgv', () => {
  it('removes variable assignments and wrappers that run another command', () => {
    expect(commandArgv(['DEBIAN_FRONTEND=noninteractive', 'sudo', '-E', 'apt-get', 'install'])).toEqual(['apt-get', 'install']);
    expect(commandArgv(['exec', 'gosu', 'app', 'node', 'server.js'])).toEqual(['node', 'server.js']);
    expect(commandArgv(['env', '-i', 'A=1', 'python3', 'main.py'])).toEqual(['python3', 'main.py']);
  });
});

describe('programName and shellScriptOf', () => {
  it('names the program by its last path component', () => {
    expect(programName(['/usr/local/bin/node', 'x'])).toBe('node');
    expect(programName([])).toBe('');
  });

  it('finds the script of sh -c / bash -ec, and nothing for other programs', () => {
    expect(shellScriptOf(['/bin/sh', '-c', 'node app.js'])).toBe('node app.js');
    expect(shellScriptOf(['bash', '-o', 'pipefail', '-ec', 'npm start'])).toBe('npm start');
    expect(shellScriptOf(['bash', 'script.sh'])).toBeNull();
    expect(shellScriptOf(['node', '-c', 'x'])).toBeNull();
  });
});
