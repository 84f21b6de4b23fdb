import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { judgeHostKey, namesHost, parseKnownHosts } from '@/lib/docker/engine/known-hosts';

const KEY = 'AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOne';
const OTHER = 'AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyTwo';

describe('known_hosts', () => {
  it('matches plain, bracketed-port, wildcard and hashed host entries as ssh does', () => {
    expect(namesHost('build.lan,10.0.0.5', '10.0.0.5', 22)).toBe(true);
    expect(namesHost('[127.0.0.1]:2222', '127.0.0.1', 2222)).toBe(true);
    expect(namesHost('127.0.0.1', '127.0.0.1', 2222)).toBe(false);
    expect(namesHost('*.lan,!secret.lan', 'build.lan', 22)).toBe(true);
    expect(namesHost('*.lan,!secret.lan', 'secret.lan', 22)).toBe(false);
    const salt = Buffer.from('0123456789abcdef0123');
    const hash = createHmac('sha1', salt).update('[10.0.0.9]:2200').digest('base64');
    expect(namesHost(`|1|${salt.toString('base64')}|${hash}`, '10.0.0.9', 2200)).toBe(true);
    expect(namesHost(`|1|${salt.toString('base64')}|${hash}`, '10.0.0.9', 22)).toBe(false);
  });

  it('knows a listed key, refuses a changed or revoked one, and calls an unlisted host unknown', () => {
    const entries = parseKnownHosts(
      [`# comment`, `[127.0.0.1]:2222 ssh-ed25519 ${KEY}`, `@revoked old.lan ssh-ed25519 ${OTHER}`, `old.lan ssh-ed25519 ${KEY}`].join(
        '\n',
      ),
    );
    expect(judgeHostKey(entries, '127.0.0.1', 2222, KEY)).toBe('known');
    expect(judgeHostKey(entries, '127.0.0.1', 2222, OTHER)).toBe('changed');
    expect(judgeHostKey(entries, 'old.lan', 22, OTHER)).toBe('revoked');
    expect(judgeHostKey(entries, 'new.lan', 22, KEY)).toBe('unknown');
  });
});
