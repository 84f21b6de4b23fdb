// The ssh host key check the ssh client makes: an engine reached over ssh must present a key that
// ~/.ssh/known_hosts lists for that host. An unknown host or a changed key is refused (the CLI's ssh
// would ask, or refuse when it cannot ask), so a machine in the middle never receives Strata's requests.
import 'server-only';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface KnownHostEntry {
  marker: '@revoked' | '@cert-authority' | null;
  patterns: string;
  key: string;
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const marker = fields[0] === '@revoked' || fields[0] === '@cert-authority' ? fields.shift() : null;
    const [patterns, , key] = fields;
    if (patterns && key) entries.push({ marker: (marker ?? null) as KnownHostEntry['marker'], patterns, key });
  }
  return entries;
}

function globMatch(pattern: string, name: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return regex.test(name);
}

function hashedMatch(pattern: string, name: string): boolean {
  const [, kind, salt, hash] = pattern.split('|');
  if (kind !== '1' || !salt || !hash) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

/** Whether an entry's host patterns name this host (ssh writes `[host]:port` for ports other than 22). */
export function namesHost(patterns: string, host: string, port: number): boolean {
  const name = port === 22 ? host : `[${host}]:${port}`;
  if (patterns.startsWith('|')) return hashedMatch(patterns, name);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    if (pattern.startsWith('!')) {
      if (globMatch(pattern.slice(1), name)) return false;
    } else if (globMatch(pattern, name)) matched = true;
  }
  return matched;
}

export type HostKeyVerdict = 'known' | 'unknown' | 'changed' | 'revoked';

export function judgeHostKey(entries: readonly KnownHostEntry[], host: string, port: number, presented: string): HostKeyVerdict {
  const forHost = entries.filter((entry) => entry.marker !== '@cert-authority' && namesHost(entry.patterns, host, port));
  if (forHost.some((entry) => entry.marker === '@revoked' && entry.key === presented)) return 'revoked';
  const plain = forHost.filter((entry) => entry.marker === null);
  if (plain.some((entry) => entry.key === presented)) return 'known';
  return plain.length > 0 ? 'changed' : 'unknown';
}

const verdicts = new Map<string, HostKeyVerdict>();

/** The last refusal for an engine, so its error message can say why the ssh connection was denied. */
export function lastHostKeyVerdict(engineName: string): HostKeyVerdict | undefined {
  return verdicts.get(engineName);
}

/** ssh2's hostVerifier: gets the raw host key, answers whether to go on. */
export function hostKeyVerifier(host: string, port: number, engineName: string): (key: Buffer) => boolean {
  return (key) => {
    let text = '';
    try {
      text = fs.readFileSync(path.join(os.homedir(), '.ssh', 'known_hosts'), 'utf8');
    } catch {
      // no file: every host is unknown
    }
    const verdict = judgeHostKey(parseKnownHosts(text), host, port, key.toString('base64'));
    verdicts.set(engineName, verdict);
    return verdict === 'known';
  };
}
