// Logging in: credentials are checked by the engine (`POST /auth`, what `docker login` does) before
// Strata keeps them.
import 'server-only';
import type { RegistryLogin } from '@/lib/api/registries';
import { StrataError } from '@/lib/api/errors';
import { engine } from '@/lib/docker/engine/client';
import { removeLogin, serverFor, storeLogin } from '@/lib/registries/store';

export async function login(registry: string, username: string, password: string): Promise<RegistryLogin> {
  const server = serverFor(registry);
  try {
    await engine((docker) => docker.checkAuth({ username, password, serveraddress: server }));
  } catch (error) {
    if (
      error instanceof StrataError &&
      (error.code === 'unauthorized' || /unauthorized|incorrect username or password/i.test(error.message))
    ) {
      throw new StrataError('unauthorized', `${server} refused these credentials: wrong username, password or token.`);
    }
    if (error instanceof StrataError && error.code === 'upstream_failed') {
      throw new StrataError(
        'upstream_failed',
        `Could not reach ${server} to check the login. ${error.message.replace(/^The Docker engine reported an error: /, '')}`,
      );
    }
    throw error;
  }
  await storeLogin(server, username, password);
  return { server, username };
}

export async function logout(registry: string): Promise<{ server: string; removed: boolean }> {
  const server = serverFor(registry);
  return { server, removed: await removeLogin(server) };
}
