// An ssh-agent of the tests' own: how a user's ssh engine usually authenticates (docker-modem reads
// SSH_AUTH_SOCK for a DOCKER_HOST=ssh://… engine; the app may pass it as sshOptions.agent). Point a
// server's SSH_AUTH_SOCK at `socket` to let it log in with the keys added here, and nothing else.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

export interface SshAgent {
  /** The agent's unix socket: SSH_AUTH_SOCK, or dockerode's sshOptions.agent. */
  socket: string;
  /** ssh-add: the agent holds this private key (no passphrase) from now on. */
  add(privateKeyPath: string): void;
  /** Stops this agent (only it) and removes its socket. */
  stop(): Promise<void>;
}

/** Starts `ssh-agent -D -a socket` (foreground, so its pid is ours) holding the given keys. */
export async function startSshAgent(socket: string, keys: string[] = []): Promise<SshAgent> {
  rmSync(socket, { force: true });
  const child = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  for (let i = 0; i < 100 && !existsSync(socket) && !exited; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!existsSync(socket)) {
    child.kill();
    throw new Error(`ssh-agent did not make its socket ${socket}`);
  }
  const add = (privateKeyPath: string) =>
    execFileSync('ssh-add', ['-q', privateKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
  keys.forEach(add);
  return {
    socket,
    add,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(socket, { force: true });
    },
  };
}
