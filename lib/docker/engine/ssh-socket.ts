// The socket an HTTP request to an engine over ssh is written to: handed to the HTTP agent at once,
// joined to its `docker system dial-stdio` channel once the channel is open. Node's agent counts only
// the sockets it has been given, so a socket it waited for would let it ask for more channels than its
// limit (and never hand a queued request the idle channel it could reuse).
import 'server-only';
import { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';

export class SshSocket extends Duplex {
  private channel: ClientChannel | null = null;
  private pending: { chunk: Buffer; done: (error?: Error | null) => void }[] = [];
  private ending: (() => void) | null = null;
  private idleMs = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(opened: Promise<ClientChannel>) {
    super();
    opened.then(
      (channel) => this.join(channel),
      (error: Error) => this.destroy(error),
    );
  }

  private join(channel: ClientChannel): void {
    if (this.destroyed) {
      channel.close();
      return;
    }
    this.channel = channel;
    channel.on('data', (chunk: Buffer) => {
      this.touch();
      if (!this.push(chunk)) channel.pause();
    });
    channel.once('end', () => this.push(null));
    channel.once('close', () => this.destroy());
    channel.once('error', (error: Error) => this.destroy(error));
    for (const { chunk, done } of this.pending.splice(0)) channel.write(chunk, done);
    if (this.ending) channel.end(this.ending);
  }

  override _read(): void {
    this.channel?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.touch();
    if (this.channel) this.channel.write(chunk, done);
    else this.pending.push({ chunk, done });
  }

  override _final(done: () => void): void {
    if (this.channel) this.channel.end(done);
    else this.ending = done;
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.channel?.close();
    done(error);
  }

  // What http calls on a net.Socket. A channel has no socket options; the idle limit is kept here, as a
  // net.Socket keeps it: restarted by every read and write.
  setTimeout(ms: number, onTimeout?: () => void): this {
    this.idleMs = ms;
    if (onTimeout) this.once('timeout', onTimeout);
    this.touch();
    return this;
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = this.idleMs > 0 && !this.destroyed ? setTimeout(() => this.emit('timeout'), this.idleMs) : null;
  }

  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}
