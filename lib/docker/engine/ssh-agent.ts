// HTTP to an engine over ssh, as `docker -H ssh://…` does it: through `docker system dial-stdio`
// channels on the far host. docker-modem's own ssh transport opens a new ssh connection per request,
// which costs a handshake each time and trips sshd's MaxStartups (10 at once) under a page's parallel
// calls. Here one ssh connection per engine carries every request, at most MAX_CHANNELS channels at
// once (sshd's MaxSessions is 10), the rest queued. A channel is kept open after its response and
// carries the next request (HTTP keep-alive through dial-stdio, as the Docker CLI does): starting a
// session on the far host costs most of a second on a slow box, a request on an open one milliseconds.
import 'server-only';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { SshSocket } from '@/lib/docker/engine/ssh-socket';

const MAX_CHANNELS = 8;
const OPEN_ATTEMPTS = 4;
const RETRY_MS = 150;
/** How long an idle channel waits for the next request before it is closed. */
const IDLE_CHANNEL_MS = 30_000;

export class SshAgent extends http.Agent {
  private client: Client | null = null;
  private ready: Promise<Client> | null = null;
  /** Channels the server may still count: one is released only when both sides have closed it. */
  private open = 0;
  private waiting: { go: () => void; stop: (error: Error) => void }[] = [];
  /** Destroyed: the engine's connection was dropped; nothing may open a new one through this agent. */
  private destroyed = false;

  constructor(private readonly config: ConnectConfig) {
    // The HTTP side queues requests beyond MAX_CHANNELS and hands each the next idle channel (a request
    // it had asked a new channel for would wait here for a slot an idle channel never frees). Idle
    // channels close after a quiet spell. The limit is kept per channel here too: a socket the HTTP side
    // has let go of can still be a session sshd counts until both ends have closed it.
    super({
      keepAlive: true,
      maxSockets: MAX_CHANNELS,
      maxTotalSockets: MAX_CHANNELS,
      maxFreeSockets: MAX_CHANNELS,
      timeout: IDLE_CHANNEL_MS,
    });
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
    let join: (channel: ClientChannel) => void = () => undefined;
    let fail: (error: Error) => void = () => undefined;
    const socket = new SshSocket(
      new Promise<ClientChannel>((resolve, reject) => {
        join = resolve;
        fail = reject;
      }),
    );
    void this.slot().then(
      async () => {
        // A request given up while it waited for a slot (its time limit passed) opens no session.
        if (socket.destroyed) {
          this.release();
          fail(new Error('The request ended before an ssh channel was free.'));
          return;
        }
        try {
          const channel = await this.openChannel(OPEN_ATTEMPTS);
          channel.once('close', () => this.release());
          join(channel);
        } catch (error) {
          this.release();
          fail(error as Error);
        }
      },
      (error: Error) => fail(error),
    );
    done(null, socket);
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
