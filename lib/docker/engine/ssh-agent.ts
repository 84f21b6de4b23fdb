// HTTP to an engine over ssh, as `docker -H ssh://…` does it: each request is one `docker system
// dial-stdio` on the far host. docker-modem's own ssh transport opens a new ssh connection per request,
// which costs a handshake each time and trips sshd's MaxStartups (10 at once) under a page's parallel
// calls. Here one ssh connection per engine carries every request as a channel of its own, at most
// MAX_CHANNELS at once (sshd's MaxSessions is 10), the rest queued.
import 'server-only';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';

const MAX_CHANNELS = 8;
const OPEN_ATTEMPTS = 4;
const RETRY_MS = 150;

/** The socket methods http calls that an ssh channel lacks; a channel has no socket options to set. */
function asSocket(channel: ClientChannel): Duplex {
  const socket = channel as unknown as Duplex & Record<string, unknown>;
  let timer: ReturnType<typeof setTimeout> | null = null;
  socket.setNoDelay = () => socket;
  socket.setKeepAlive = () => socket;
  socket.ref = () => socket;
  socket.unref = () => socket;
  socket.setTimeout = (ms: number, onTimeout?: () => void) => {
    if (timer) clearTimeout(timer);
    timer = ms > 0 ? setTimeout(() => socket.emit('timeout'), ms) : null;
    if (onTimeout) socket.once('timeout', onTimeout);
    return socket;
  };
  socket.once('close', () => timer && clearTimeout(timer));
  return socket;
}

export class SshAgent extends http.Agent {
  private client: Client | null = null;
  private ready: Promise<Client> | null = null;
  /** Channels the server may still count: one is released only when both sides have closed it. */
  private open = 0;
  private waiting: { go: () => void; stop: (error: Error) => void }[] = [];
  /** Destroyed: the engine's connection was dropped; nothing may open a new one through this agent. */
  private destroyed = false;

  constructor(private readonly config: ConnectConfig) {
    // The HTTP side does not limit sockets: a socket it has let go of can still be a session sshd
    // counts, so the limit is kept per channel here instead.
    super({ keepAlive: false });
  }

  private async slot(): Promise<void> {
    if (this.destroyed) throw new Error('The ssh connection to this engine was closed.');
    if (this.open < MAX_CHANNELS) {
      this.open += 1;
      return;
    }
    await new Promise<void>((go, stop) => this.waiting.push({ go, stop }));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.go();
    else this.open -= 1;
  }

  /** The engine's ssh connection, opened on first use and again after it drops. */
  private connection(): Promise<Client> {
    if (this.destroyed) return Promise.reject(new Error('The ssh connection to this engine was closed.'));
    if (this.ready) return this.ready;
    const client = new Client();
    this.client = client;
    const ready = new Promise<Client>((resolve, reject) => {
      client.once('ready', () => resolve(client));
      client.once('error', reject);
    });
    const forget = () => {
      if (this.client === client) {
        this.client = null;
        this.ready = null;
      }
    };
    client.on('error', forget);
    client.on('close', forget);
    ready.catch(forget);
    client.connect(this.config);
    this.ready = ready;
    return ready;
  }

  override createConnection(_options: unknown, done: (error: Error | null, socket?: Duplex) => void): undefined {
    void this.slot()
      .then(() => this.openChannel(OPEN_ATTEMPTS))
      .then(
        (channel) => {
          channel.once('close', () => this.release());
          done(null, asSocket(channel));
        },
        (error: Error) => {
          this.release();
          done(error);
        },
      );
    return undefined;
  }

  /**
   * One dial-stdio channel. sshd frees a session a moment after it has closed it, so a refusal ("open
   * failed") right after a busy spell is asked again, briefly.
   */
  private async openChannel(attempts: number): Promise<ClientChannel> {
    const client = await this.connection();
    try {
      return await new Promise<ClientChannel>((resolve, reject) =>
        client.exec('docker system dial-stdio', (error, channel) => (error ? reject(error) : resolve(channel))),
      );
    } catch (error) {
      if (attempts <= 1 || !/open failed/i.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      return this.openChannel(attempts - 1);
    }
  }

  /** Closes the ssh connection (the engine's address changed, or Strata stops). */
  override destroy(): void {
    this.destroyed = true;
    for (const waiter of this.waiting.splice(0)) waiter.stop(new Error('The ssh connection to this engine was closed.'));
    super.destroy();
    this.client?.end();
    this.client = null;
    this.ready = null;
  }
}
