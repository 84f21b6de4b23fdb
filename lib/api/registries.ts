// Registry logins as the browser sees them (never a password) and the login form's schema.
import { z } from '@/lib/api/zod';

export interface RegistryLogin {
  /** As the engine names it: `localhost:5000`, or `https://index.docker.io/v1/` for Docker Hub. */
  server: string;
  username: string;
}

/** A registry to log in to: `docker.io` (Docker Hub) or host[:port] — DNS labels of at most 63 characters, 253 in all. */
export const registryHost = z
  .string()
  .trim()
  .max(253 + 6, 'A registry host name is at most 253 characters.')
  .regex(
    /^(docker\.io|[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*(:\d{1,5})?)$/,
    'A registry is docker.io or a host name with an optional :port, e.g. localhost:5000.',
  );

export const loginBody = z.object({
  server: registryHost,
  username: z.string().trim().min(1, 'A username is needed.').max(256),
  password: z.string().min(1, 'A password or access token is needed.').max(4096),
});

export const logoutQuery = z.object({ server: registryHost });
