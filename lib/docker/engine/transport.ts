// How to reach one engine: the connection options for its address (unix socket, tcp with or without
// TLS, ssh), as the Docker CLI would use them. Certificates and keys are read here, on the server, and
// only handed to the connection: never to a response or a log line.
import 'server-only';
import fs from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { EngineEntry } from '@/lib/api/engines';
import { StrataError } from '@/lib/api/errors';
import type { EngineSpec } from '@/lib/docker/engine/engines';
import { hostKeyVerifier } from '@/lib/docker/engine/known-hosts';
import { SshAgent } from '@/lib/docker/engine/ssh-agent';
import { utils } from 'ssh2';

/** The subset of dockerode's options Strata sets; every one is set, so nothing leaks in from DOCKER_HOST. */
export interface TransportOptions {
  socketPath?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https' | 'ssh';
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  username?: string;
  sshOptions?: Record<string, unknown>;
  agent?: http.Agent;
  /** Over ssh: no socket idle limit (a channel has none; docker-modem's would throw), only Strata's own. */
  ssh?: boolean;
}

export function transportKind(spec: Pick<EngineSpec, 'address' | 'tls'>): EngineEntry['transport'] {
  if (spec.address.startsWith('ssh://')) return 'ssh';
  if (spec.address.startsWith('unix://')) return 'unix';
  return spec.tls ? 'tls' : 'tcp';
}

function readSecret(file: string | undefined, what: string, spec: EngineSpec): Buffer | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    // The path is the user's own, but a response names only which file of which engine.
    throw new StrataError('engine_unreachable', `Strata cannot read the TLS ${what} of engine "${spec.name}". Check the context's files.`, {
      engine: spec.name,
    });
  }
}

/**
 * The first key file the ssh client would try by default that needs no passphrase (Strata cannot ask for
 * one: such keys belong in the ssh agent). A key ssh2 cannot read would stop it before the agent is tried.
 */
function sshKeyFile(): Buffer | undefined {
  const dir = path.join(os.homedir(), '.ssh');
  for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
    try {
      const key = fs.readFileSync(path.join(dir, name));
      if (!(utils.parseKey(key) instanceof Error)) return key;
    } catch {
      // not there: the next one
    }
  }
  return undefined;
}

/** A URL's host as a socket wants it: an IPv6 literal without its brackets. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

function sshOptions(spec: EngineSpec, url: URL): TransportOptions {
  const port = Number(url.port) || 22;
  const key = sshKeyFile();
  const agent = new SshAgent({
    host: bareHost(url),
    port,
    username: decodeURIComponent(url.username) || os.userInfo().username,
    agent: process.env.SSH_AUTH_SOCK || undefined,
    ...(key ? { privateKey: key } : {}),
    hostVerifier: hostKeyVerifier(bareHost(url), port, spec.name),
    readyTimeout: 10_000,
  });
  // Plain HTTP through the ssh agent: dockerode's own ssh transport is not used (see ssh-agent.ts).
  return {
    socketPath: undefined,
    protocol: 'http',
    host: bareHost(url),
    port,
    ca: undefined,
    cert: undefined,
    key: undefined,
    agent,
    ssh: true,
  };
}

export function transportOptions(spec: EngineSpec): TransportOptions {
  let url: URL;
  try {
    url = new URL(spec.address);
  } catch {
    throw new StrataError('invalid_input', `Engine "${spec.name}" has an address Strata cannot read.`, { engine: spec.name });
  }
  if (url.protocol === 'unix:')
    return { socketPath: url.pathname, host: undefined, protocol: 'http', ca: undefined, cert: undefined, key: undefined };
  if (url.protocol === 'ssh:') return sshOptions(spec, url);
  if (url.protocol !== 'tcp:' && url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new StrataError('invalid_input', `Engine "${spec.name}" uses ${url.protocol}//, which Strata does not speak (unix, tcp, ssh).`, {
      engine: spec.name,
    });
  const tls = spec.tls;
  const port = Number(url.port) || (tls ? 2376 : 2375);
  if (!tls) return { socketPath: undefined, host: bareHost(url), port, protocol: 'http', ca: undefined, cert: undefined, key: undefined };
  const cert = readSecret(tls.cert, 'client certificate', spec);
  const key = readSecret(tls.key, 'client key', spec);
  const ca = readSecret(tls.ca, 'CA certificate', spec);
  return {
    socketPath: undefined,
    host: bareHost(url),
    port,
    protocol: 'https',
    ca,
    cert,
    key,
    // SkipTLSVerify in the context: the user chose not to check the server's certificate, as the CLI
    // allows; the request options cannot say so, an agent can.
    ...(tls.skipVerify ? { agent: new https.Agent({ rejectUnauthorized: false, ca, cert, key }) } : {}),
  };
}
