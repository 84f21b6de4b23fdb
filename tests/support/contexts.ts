// Docker contexts as a user makes them: by running the docker CLI against a config folder of the test's
// own (DOCKER_CONFIG), never the user's ~/.docker. What the CLI writes there is what Strata reads:
//   <dir>/contexts/meta/<sha256(name)>/meta.json      {"Name", "Metadata", "Endpoints": {"docker": {"Host", "SkipTLSVerify"}}}
//   <dir>/contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem   copies of the files given at create time
//   <dir>/config.json                                 {"currentContext": name} after `docker context use`
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export interface ContextSpec {
  /** The CLI accepts only ^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$ (no spaces, at least two characters). */
  name: string;
  /** unix:///…, tcp://127.0.0.1:PORT or ssh://user@127.0.0.1:PORT */
  host: string;
  /** TLS files for a tcp:// host (paths; the CLI copies them into its own store). */
  ca?: string;
  cert?: string;
  key?: string;
  skipTlsVerify?: boolean;
}

/** The docker CLI with DOCKER_CONFIG=dir and no DOCKER_HOST/DOCKER_CONTEXT of the caller's leaking in. */
function dockerCli(dockerConfigDir: string, args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: dockerConfigDir };
  for (const name of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) delete env[name];
  return execFileSync('docker', args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

// The CLI's --docker value is a CSV list: a comma or quote inside a path would need quoting, and the
// tests' paths have neither, so a path that does is refused rather than mangled.
function field(name: string, value: string): string {
  if (/[",\n]/.test(value)) throw new Error(`context ${name} must not hold a comma or a quote: ${value}`);
  return `${name}=${value}`;
}

/** The folder name the CLI gives a context's metadata and TLS files: the hex SHA-256 of its name. */
export function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** Where the CLI keeps a context's meta.json and its TLS files. */
export function contextPaths(dockerConfigDir: string, name: string): { meta: string; tlsDir: string } {
  const id = contextId(name);
  return {
    meta: path.join(dockerConfigDir, 'contexts', 'meta', id, 'meta.json'),
    tlsDir: path.join(dockerConfigDir, 'contexts', 'tls', id, 'docker'),
  };
}

/** `docker context create NAME --docker host=…[,ca=…,cert=…,key=…,skip-tls-verify=…]` in dockerConfigDir. */
export function writeContext(dockerConfigDir: string, spec: ContextSpec): { meta: string; tlsDir: string } {
  mkdirSync(dockerConfigDir, { recursive: true });
  const fields = [field('host', spec.host)];
  if (spec.ca) fields.push(field('ca', spec.ca));
  if (spec.cert) fields.push(field('cert', spec.cert));
  if (spec.key) fields.push(field('key', spec.key));
  if (spec.skipTlsVerify !== undefined) fields.push(`skip-tls-verify=${spec.skipTlsVerify}`);
  dockerCli(dockerConfigDir, ['context', 'create', spec.name, '--docker', fields.join(',')]);
  return contextPaths(dockerConfigDir, spec.name);
}

/** `docker context use NAME`: the CLI writes currentContext into dockerConfigDir/config.json. */
export function useContext(dockerConfigDir: string, name: string): void {
  dockerCli(dockerConfigDir, ['context', 'use', name]);
}

/** `docker context rm -f NAME`. */
export function removeContext(dockerConfigDir: string, name: string): void {
  dockerCli(dockerConfigDir, ['context', 'rm', '-f', name]);
}
