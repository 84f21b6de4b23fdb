// Container paths as a Dockerfile names them: relative to WORKDIR (or a `cd` inside a RUN), with
// shell globs in `rm` arguments.

/** `('/app', '../tmp/x/')` → `/tmp/x`. Words with variables are kept as written, joined to cwd. */
export function resolvePath(cwd: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${cwd}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function basename(path: string): string {
  return path.replace(/\/+$/, '').split('/').pop() ?? '';
}

export function isGlob(path: string): boolean {
  return /[*?[]/.test(path);
}

/** `/tmp/*.tar` → a RegExp for whole paths; `*` and `?` do not cross `/`, as in the shell. */
export function globToRegExp(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${source}$`);
}

/**
 * Does deleting `target` (maybe a glob) remove `path`: the path itself, a directory above it, or —
 * for `dir/*` — the contents of directory `path`?
 */
export function deletes(target: string, path: string): boolean {
  if (target === `${path}/*`) return true;
  if (!isGlob(target)) return path === target || (target !== '/' && path.startsWith(`${target}/`));
  const pattern = globToRegExp(target);
  const parts = path.split('/');
  return parts.some((_, index) => index > 0 && pattern.test(parts.slice(0, index + 1).join('/')));
}
