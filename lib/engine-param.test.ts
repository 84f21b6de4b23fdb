import { describe, expect, it } from 'vitest';
import { engineOf, withEngine } from '@/lib/engine-param';

describe('engine in the URL', () => {
  it('adds the engine to a path, keeping its query and fragment', () => {
    expect(withEngine('/images', 'prod')).toBe('/images?engine=prod');
    expect(withEngine('/api/images?q=app&sort=size#top', 'prod')).toBe('/api/images?q=app&sort=size&engine=prod#top');
  });

  it('leaves the current engine, other origins and a path that names an engine alone', () => {
    expect(withEngine('/images', null)).toBe('/images');
    expect(withEngine('https://hub.docker.com/_/alpine', 'prod')).toBe('https://hub.docker.com/_/alpine');
    expect(withEngine('//evil.example/x', 'prod')).toBe('//evil.example/x');
    expect(withEngine('/inventory?engine=lab', 'prod')).toBe('/inventory?engine=lab');
  });

  it('reads the engine from a query string', () => {
    expect(engineOf('?engine=build-box&q=1')).toBe('build-box');
    expect(engineOf('?engine=')).toBeNull();
    expect(engineOf('')).toBeNull();
  });
});
