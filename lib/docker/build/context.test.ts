import { describe, expect, it } from 'vitest';
import { safeRelativePath } from './context';

describe('safeRelativePath', () => {
  it('keeps paths inside the context', () => {
    expect(safeRelativePath('src/index.js')).toBe('src/index.js');
    expect(safeRelativePath('./a/../b.txt')).toBe('b.txt');
    expect(safeRelativePath('win\\style\\path.txt')).toBe('win/style/path.txt');
  });

  it.each(['../escape', 'a/../../escape', '/etc/passwd', 'C:/x', '', '.', 'a\0b'])('refuses %j', (raw) => {
    expect(safeRelativePath(raw)).toBeNull();
  });
});
