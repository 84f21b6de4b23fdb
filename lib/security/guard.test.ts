import { describe, expect, it } from 'vitest';
import { config } from '@/proxy';
import { UPLOAD_ROUTES } from './guard';

// The proxy leaves out exactly the upload routes (which screen themselves); nothing else may slip by.
describe('proxy matcher', () => {
  const matches = (path: string) => new RegExp(`^${config.matcher}$`).test(path);

  it('leaves out the upload routes and nothing else', () => {
    for (const route of UPLOAD_ROUTES) expect(matches(route)).toBe(false);
    for (const path of [
      '/',
      '/build',
      '/api/images',
      '/api/images/load/x',
      '/api/images/loader',
      '/api/build/x',
      '/api/builds',
      '/api/images/import2',
      '/login',
    ]) {
      expect(matches(path)).toBe(true);
    }
  });
});
