// The build context on Strata's own disk, handled so that nothing in it can reach outside it. The
// server runs as root, so one write through a planted link is a write anywhere on the host.
//  - Tar contexts are unpacked with node-tar, which refuses `..` and absolute entry paths, never
//    extracts through a symbolic link, and (with `unlink`) replaces what is there instead of writing
//    through a link or into a hard-linked file.
//  - Afterwards every link is resolved the way the kernel would, earlier links first (a link's text
//    alone says nothing: `b -> ../..` can sit where `..` is already the context's root); one that
//    leads outside, and any file hard-linked to something outside, refuses the whole context.
//  - Strata's own writes (folder uploads, the editor's Dockerfile) and reads (`.dockerignore`) walk the
//    path one component at a time with lstat and open with O_NOFOLLOW: they never follow a link.
import 'server-only';
import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, readlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Unpack } from 'tar';
import { StrataError } from '@/lib/api/errors';

/** Entry types a build context may hold; device nodes, FIFOs and the like are dropped. */
const KEPT_TYPES = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory', 'SymbolicLink', 'Link']);
/** As Linux: more links than this in one resolution is a loop. */
const MAX_LINK_HOPS = 40;

const refused = (message: string) => new StrataError('invalid_input', message);

/** Unpacks a (possibly gzipped) context tar into `dir`; `onFile` is called for each regular file kept. */
export function unpackContextTar(input: Readable, dir: string, onFile: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const unpack = new Unpack({
      cwd: dir,
      // Every warning is a refusal: a `..` path, an entry through a link, a bad header.
      strict: true,
      unlink: true,
      preserveOwner: false,
      noMtime: false,
      dmode: 0o700,
      fmode: 0o600,
      // A context is a few folders deep; a 1,024-deep tree is an attack on the walk below.
      maxDepth: 256,
      filter: (_path, entry) => {
        const type = 'type' in entry ? String(entry.type) : 'File';
        const keep = KEPT_TYPES.has(type);
        if (keep && (type === 'File' || type === 'OldFile' || type === 'ContiguousFile')) onFile();
        return keep;
      },
    });
    // On a refusal node-tar may still have files open: settle only once it has closed, so the
    // caller's clean-up never races its last writes.
    let failure: StrataError | null = null;
    const fail = (error: unknown) => {
      if (failure) return;
      failure = asArchiveError(error);
      input.unpipe(unpack as unknown as NodeJS.WritableStream);
      input.resume();
      unpack.end();
    };
    unpack.on('error', fail);
    input.on('error', fail);
    unpack.on('close', () => (failure ? reject(failure) : resolve()));
    input.pipe(unpack as unknown as NodeJS.WritableStream);
  });
}

function asArchiveError(error: unknown): StrataError {
  if (error instanceof StrataError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code ?? '';
  if (code === 'TAR_SYMLINK_ERROR' || /symbolic link|symlink/i.test(message)) {
    return refused(
      'The context archive puts a file behind a symbolic link, which could write outside the build context; Strata refuses it.',
    );
  }
  if (/contains '\.\.'|escapes extraction/.test(message))
    return refused('The context archive has a path or link that leaves the build context (“..”); Strata refuses it.');
  if (/stripping .* from absolute/.test(message)) {
    return refused(
      'The context archive has an absolute path or an absolute link target, which would point outside the build context on this host; every path in a context must be relative.',
    );
  }
  return refused(`The context archive could not be read (${message.replace(/\/\S+/g, '…')}). Send a .tar or .tar.gz of the folder.`);
}

/**
 * Refuses the context if any link in it leads outside, resolved against what is really on disk, or
 * if any file in it is hard-linked to a file outside (more links than the tree holds).
 */
export async function verifyContextTree(dir: string): Promise<void> {
  const inodes = new Map<string, { nlink: number; seen: number; name: string }>();
  const walk = async (relative: string, depth: number): Promise<void> => {
    if (depth > 256) throw refused('The build context is nested more than 256 folders deep.');
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child, depth + 1);
      else if (entry.isSymbolicLink()) {
        const target = await resolveLink(dir, child);
        if (target === null)
          throw refused(
            `The link “${child}” in the build context points outside it; Strata refuses contexts whose links leave the folder.`,
          );
      } else if (entry.isFile()) {
        const stats = await lstat(path.join(dir, child));
        if (stats.nlink > 1) {
          const key = `${stats.dev}:${stats.ino}`;
          const known = inodes.get(key) ?? { nlink: stats.nlink, seen: 0, name: child };
          known.seen += 1;
          inodes.set(key, known);
        }
      }
    }
  };
  await walk('', 0);
  for (const { nlink, seen, name } of inodes.values()) {
    if (nlink > seen) throw refused(`“${name}” in the build context is a hard link to a file outside it; Strata refuses it.`);
  }
}

/**
 * Where the link at `relative` leads, as components under `dir`, following every link on the way as
 * the kernel does; null when it leaves `dir` (or loops). A missing component ends the walk: the kernel
 * could follow nothing past it, so what remains is read as plain names.
 */
export async function resolveLink(dir: string, relative: string): Promise<string[] | null> {
  const stack = relative.split('/').slice(0, -1);
  let pending = (await readlink(path.join(dir, relative))).split('/');
  if (pending[0] === '') return null; // absolute: outside the context on this host
  let hops = 1;
  let missing = false;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (stack.length === 0) return null;
      stack.pop();
      continue;
    }
    if (missing) {
      stack.push(part);
      continue;
    }
    const stats = await lstat(path.join(dir, ...stack, part)).catch(() => null);
    if (!stats) {
      missing = true;
      stack.push(part);
    } else if (stats.isSymbolicLink()) {
      if (++hops > MAX_LINK_HOPS) return null;
      const target = (await readlink(path.join(dir, ...stack, part))).split('/');
      if (target[0] === '') return null;
      pending = [...target, ...pending];
    } else stack.push(part);
  }
  return stack;
}

/**
 * The directory `relative` under `dir`, made one component at a time; refuses when any component is
 * a link or not a directory, so nothing is ever placed through a link.
 */
async function ensureRealDirectory(dir: string, components: string[]): Promise<string> {
  let current = dir;
  for (const component of components) {
    current = path.join(current, component);
    const stats: Stats | null = await lstat(current).catch(() => null);
    if (!stats)
      await mkdir(current, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
    const now = stats ?? (await lstat(current));
    if (now.isSymbolicLink())
      throw refused(`“${path.relative(dir, current)}” in the build context is a link; Strata never writes through one.`);
    if (!now.isDirectory()) throw refused(`“${path.relative(dir, current)}” in the build context is a file, not a folder.`);
  }
  return current;
}

function componentsOf(relative: string): string[] {
  const parts = relative.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts.includes('..')) throw refused(`“${relative}” is not a path inside the build context.`);
  return parts;
}

/**
 * Creates (or replaces) the file at `relative` under `dir` and returns its open handle: every parent a
 * real directory, whatever was at the path removed (never written through), opened with O_NOFOLLOW.
 */
export async function createFileInside(dir: string, relative: string) {
  const parts = componentsOf(relative);
  const parent = await ensureRealDirectory(dir, parts.slice(0, -1));
  const target = path.join(parent, parts[parts.length - 1] as string);
  const existing = await lstat(target).catch(() => null);
  if (existing?.isDirectory()) throw refused(`“${relative}” in the build context is a folder, not a file.`);
  if (existing) await unlink(target);
  return open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
}

export async function writeFileInside(dir: string, relative: string, text: string): Promise<void> {
  const handle = await createFileInside(dir, relative);
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}

/** A regular file's text under `dir`, or null when it is missing or anything else (a link is not read). */
export async function readRegularFile(dir: string, relative: string): Promise<string | null> {
  const parts = componentsOf(relative);
  for (let i = 1; i < parts.length; i += 1) {
    const stats = await lstat(path.join(dir, ...parts.slice(0, i))).catch(() => null);
    if (!stats?.isDirectory()) return null;
  }
  const handle = await open(path.join(dir, ...parts), constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null);
  if (!handle) return null;
  try {
    return (await handle.stat()).isFile() ? await handle.readFile('utf8') : null;
  } finally {
    await handle.close();
  }
}
