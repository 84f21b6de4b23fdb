// An sshd of the tests' own on 127.0.0.1, for Strata's ssh:// engines: dockerode's ssh transport logs in
// with a key and runs `docker system dial-stdio` on the far side. This sshd forces that command to reach
// ONE sandbox engine (`docker -H unix://<its socket> system dial-stdio`), so an ssh engine in a test is
// that sandbox, never the host's /var/run/docker.sock. Debian's openssh-server (scripts/install-deps.sh
// --engine); everything it reads or writes (host key, user keys, config, pid file, log) sits in `dir`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const SSHD = '/usr/sbin/sshd';

export interface SshdOptions {
  /** A folder of this sshd's own (created; keys, config, pid file and log go there). */
  dir: string;
  /** The loopback port to listen on. */
  port: number;
  /** The sandbox engine's unix socket path that every login's `docker system dial-stdio` reaches. */
  dockerSocket: string;
}

export interface Sshd {
  port: number;
  /** Who logs in: the user running the tests (root here), as sshd runs as them. */
  user: string;
  /** An ed25519 key without passphrase that authorized_keys lets in (the forced dial-stdio command only). */
  privateKeyPath: string;
  /** An ed25519 key of the same kind that sshd does not know: a login with it is refused. */
  badKeyPath: string;
  /** `[127.0.0.1]:port ssh-ed25519 …`: this sshd's host key, as a known_hosts file holds it. */
  knownHostsLine: string;
  /** The host key alone (`ssh-ed25519 AAAA…`), for a hostVerifier that compares keys. */
  hostPublicKey: string;
  /** How many sessions (dial-stdio channels) the key has started so far. */
  sessions(): number;
  /** Stops this sshd (and only it) and waits until it is gone. */
  stop(): Promise<void>;
}

function keygen(file: string, comment: string): void {
  rmSync(file, { force: true });
  rmSync(`${file}.pub`, { force: true });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { stdio: 'ignore' });
}

/**
 * Resolves once 127.0.0.1:port greets with an SSH banner (sshd accepts logins then) and it is this sshd
 * that does: a leftover sshd on the port would greet too, while ours failed to bind and exited.
 */
async function waitForBanner(port: number, deadline: number, log: string, exited: () => boolean, ownsPort: () => boolean): Promise<void> {
  for (;;) {
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.setTimeout(1000);
      socket.once('data', (chunk) => {
        socket.destroy();
        resolve(chunk.toString('latin1').startsWith('SSH-2.0-'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (greeted && ownsPort()) return;
    if (exited() || Date.now() > deadline) {
      throw new Error(`sshd did not start on 127.0.0.1:${port}: ${existsSync(log) ? readFileSync(log, 'utf8') : 'no log'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts `/usr/sbin/sshd -D -f <config> -E <log>` on 127.0.0.1:port only, as the current user, with a
 * host key, an authorized user key and an unauthorized one of its own. Resolves once it greets.
 */
export async function startSshd({ dir, port, dockerSocket }: SshdOptions): Promise<Sshd> {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} not found: scripts/install-deps.sh --engine installs openssh-server`);
  mkdirSync(dir, { recursive: true });
  // sshd (as root) insists on its privilege separation folder, which the package's service would
  // make at boot; an empty root-owned folder is all it wants.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const hostKey = path.join(dir, 'host_ed25519');
  const privateKeyPath = path.join(dir, 'user_ed25519');
  const badKeyPath = path.join(dir, 'bad_ed25519');
  keygen(hostKey, 'strata test sshd host');
  keygen(privateKeyPath, 'strata test user');
  keygen(badKeyPath, 'strata test unauthorized user');

  // The key may run one thing: the dial-stdio that dockerode asks for, aimed at the sandbox engine
  // whatever the client asked. No shell, no forwarding. Each session leaves a line in `sessions`.
  const sessions = path.join(dir, 'sessions');
  rmSync(sessions, { force: true });
  const forced = `echo >>${sessions}; exec docker -H unix://${dockerSocket} system dial-stdio`;
  const authorizedKeys = path.join(dir, 'authorized_keys');
  writeFileSync(
    authorizedKeys,
    `command="${forced}",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding ${readFileSync(`${privateKeyPath}.pub`, 'utf8')}`,
  );

  const user = os.userInfo().username;
  const config = path.join(dir, 'sshd_config');
  const pidFile = path.join(dir, 'sshd.pid');
  const log = path.join(dir, 'sshd.log');
  writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKey}`,
      `PidFile ${pidFile}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      // One authorized_keys file for everyone would let the key in as any user (as `nobody`, whose
      // nologin shell then answers dial-stdio with text): only the user the tests name may log in.
      `AllowUsers ${user}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      // The key files sit in /tmp, which StrictModes would refuse (world-writable parent).
      'StrictModes no',
      'AllowTcpForwarding no',
      'X11Forwarding no',
      'PrintMotd no',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  rmSync(log, { force: true });
  rmSync(pidFile, { force: true });

  const child = spawn(SSHD, ['-D', '-f', config, '-E', log], { stdio: 'ignore' });
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  try {
    // sshd writes its PidFile once it listens.
    const ownsPort = () => !exited && existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() === String(child.pid);
    await waitForBanner(port, Date.now() + 10_000, log, () => exited, ownsPort);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }

  const hostPublicKey = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  return {
    port,
    user,
    privateKeyPath,
    badKeyPath,
    knownHostsLine: `[127.0.0.1]:${port} ${hostPublicKey}`,
    hostPublicKey,
    sessions: () => (existsSync(sessions) ? readFileSync(sessions, 'utf8').length : 0),
    async stop() {
      if (exited) return;
      // sshd -D's own pid: its per-connection children end with their connections.
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}
