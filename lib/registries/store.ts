// Registry credentials, kept server-side only: a JSON file readable by the server's user alone (0600,
// in a 0700 directory). Passwords never leave this module except as the engine's X-Registry-Auth.
import 'server-only';
import path from 'node:path';
import type { RegistryLogin } from '@/lib/api/registries';
import { dataDir, readJsonFile, serialised, writeJsonFile } from '@/lib/data-dir';

interface Stored {
  username: string;
  password: string;
}

export const HUB_SERVER = 'https://index.docker.io/v1/';

const file = () => path.join(dataDir(), 'registries.json');

/** The key the engine uses: Docker Hub's index address, or the registry host[:port]. */
export function serverFor(domain: string): string {
  return domain === 'docker.io' || domain === 'index.docker.io' || domain === 'registry-1.docker.io' ? HUB_SERVER : domain;
}

const load = () => readJsonFile<Record<string, Stored>>(file(), {});

// Read-modify-write under one lock, so two logins at once cannot lose each other's update.
const exclusive = serialised();

const save = (all: Record<string, Stored>) => writeJsonFile(file(), all);

export async function listLogins(): Promise<RegistryLogin[]> {
  return Object.entries(await load()).map(([server, stored]) => ({ server, username: stored.username }));
}

export function storeLogin(server: string, username: string, password: string): Promise<void> {
  return exclusive(async () => {
    const all = await load();
    all[server] = { username, password };
    await save(all);
  });
}

export function removeLogin(server: string): Promise<boolean> {
  return exclusive(async () => {
    const all = await load();
    if (!(server in all)) return false;
    delete all[server];
    await save(all);
    return true;
  });
}

/** The engine's authconfig for a registry: the stored login, or `{}` (anonymous). */
export async function authConfigFor(domain: string): Promise<Record<string, string>> {
  const server = serverFor(domain);
  const stored = (await load())[server];
  return stored ? { username: stored.username, password: stored.password, serveraddress: server } : {};
}

export interface Credentials {
  username: string;
  password: string;
}

/** The stored login for a registry, for Strata's own registry requests (lib/registries/http.ts), or null. */
export async function registryCredentials(domain: string): Promise<Credentials | null> {
  const stored = (await load())[serverFor(domain)];
  return stored ? { username: stored.username, password: stored.password } : null;
}
