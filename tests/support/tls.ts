// TLS material for the tests' tcp:// engines, made by scripts/tls-certs.sh (the openssl CLI), the same
// script scripts/sandbox.sh runs when STRATA_SANDBOX_TLS_PORT is set, so bash and TypeScript agree on
// every file name. Folders of client files hold ca.pem, cert.pem and key.pem, as DOCKER_CERT_PATH and
// `docker context create --docker ca=…,cert=…,key=…` expect them.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/tls-certs.sh');

export interface ClientFiles {
  ca: string;
  cert: string;
  key: string;
}

export interface TlsMaterial {
  /** The engine's side: --tlscacert, --tlscert (127.0.0.1 and localhost, serverAuth), --tlskey. */
  server: ClientFiles;
  /** A client certificate (clientAuth) from the engine's CA: the engine lets it in. */
  client: ClientFiles & { dir: string };
  /** A client certificate from an unrelated CA, beside the RIGHT ca.pem: the engine refuses it. */
  wrongClient: ClientFiles & { dir: string };
  /** The unrelated CA and its client certificate: neither side trusts the other. */
  wrong: ClientFiles & { dir: string };
}

function clientFiles(dir: string): ClientFiles & { dir: string } {
  return { dir, ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') };
}

/** Writes (or keeps, when already there) the CA, server and client certificates in dir; their paths. */
export function makeTlsMaterial(dir: string): TlsMaterial {
  execFileSync('bash', [SCRIPT, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  return {
    server: { ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'server-cert.pem'), key: path.join(dir, 'server-key.pem') },
    client: clientFiles(path.join(dir, 'client')),
    wrongClient: clientFiles(path.join(dir, 'wrong-client')),
    wrong: clientFiles(path.join(dir, 'wrong')),
  };
}
