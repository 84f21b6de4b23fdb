import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRegularFile, resolveLink, verifyContextTree, writeFileInside } from './context-tree';

let dir: string;
let outside: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'strata-tree-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'strata-tree-outside-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('resolveLink', () => {
  it('follows earlier links first, as the kernel does', async () => {
    mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    symlinkSync('../..', path.join(dir, 'a/b/top')); // really the context root
    symlinkSync('a/b/top/..', path.join(dir, 'escape')); // text says "a/b", the kernel says ".."
    symlinkSync('a/b/top/a', path.join(dir, 'fine'));
    expect(await resolveLink(dir, 'a/b/top')).toEqual([]);
    expect(await resolveLink(dir, 'escape')).toBeNull();
    expect(await resolveLink(dir, 'fine')).toEqual(['a']);
  });

  it('refuses absolute targets and loops, and reads dangling ones as names', async () => {
    symlinkSync('/etc', path.join(dir, 'abs'));
    symlinkSync('loop2', path.join(dir, 'loop1'));
    symlinkSync('loop1', path.join(dir, 'loop2'));
    symlinkSync('missing/x', path.join(dir, 'dangling'));
    expect(await resolveLink(dir, 'abs')).toBeNull();
    expect(await resolveLink(dir, 'loop1')).toBeNull();
    expect(await resolveLink(dir, 'dangling')).toEqual(['missing', 'x']);
  });
});

describe('verifyContextTree', () => {
  it('accepts links and hard links that stay inside', async () => {
    mkdirSync(path.join(dir, 'releases/v1'), { recursive: true });
    writeFileSync(path.join(dir, 'releases/v1/app'), 'app');
    symlinkSync('releases/v1', path.join(dir, 'current'));
    linkSync(path.join(dir, 'releases/v1/app'), path.join(dir, 'app-copy'));
    await expect(verifyContextTree(dir)).resolves.toBeUndefined();
  });

  it('refuses a hard link to a file outside', async () => {
    writeFileSync(path.join(outside, 'secret'), 's');
    linkSync(path.join(outside, 'secret'), path.join(dir, 'secret'));
    await expect(verifyContextTree(dir)).rejects.toThrow(/hard link to a file outside/);
  });
});

describe('writeFileInside and readRegularFile', () => {
  it('replaces a link instead of writing through it', async () => {
    writeFileSync(path.join(outside, 'victim'), 'original');
    symlinkSync(path.join(outside, 'victim'), path.join(dir, 'Dockerfile'));
    await writeFileInside(dir, 'Dockerfile', 'FROM scratch\n');
    expect(readFileSync(path.join(outside, 'victim'), 'utf8')).toBe('original');
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe('FROM scratch\n');
  });

  it('refuses a folder on the way that is a link', async () => {
    symlinkSync(outside, path.join(dir, 'sub'));
    await expect(writeFileInside(dir, 'sub/Dockerfile', 'x')).rejects.toThrow(/is a link/);
  });

  it('does not read a .dockerignore that is a link', async () => {
    writeFileSync(path.join(outside, 'rules'), 'secret-rules');
    symlinkSync(path.join(outside, 'rules'), path.join(dir, '.dockerignore'));
    expect(await readRegularFile(dir, '.dockerignore')).toBeNull();
    writeFileSync(path.join(dir, 'plain'), 'kept');
    expect(await readRegularFile(dir, 'plain')).toBe('kept');
  });
});
