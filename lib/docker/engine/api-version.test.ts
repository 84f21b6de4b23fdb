import { describe, expect, it } from 'vitest';
import { compareApiVersions, negotiateApiVersion, NEWEST_KNOWN_API } from '@/lib/docker/engine/api-version';

describe('compareApiVersions', () => {
  it('compares minor versions as numbers, not as decimals or strings', () => {
    expect(compareApiVersions('1.41', '1.9')).toBeGreaterThan(0);
    expect(compareApiVersions('1.9', '1.41')).toBeLessThan(0);
    expect(compareApiVersions('1.44', '1.44')).toBe(0);
    expect(compareApiVersions('1.5', '1.50')).toBeLessThan(0);
  });

  it('lets the major version decide first', () => {
    expect(compareApiVersions('2.0', '1.99')).toBeGreaterThan(0);
    expect(compareApiVersions('1.99', '2.0')).toBeLessThan(0);
  });

  it('treats a missing minor as 0', () => {
    expect(compareApiVersions('1', '1.0')).toBe(0);
    expect(compareApiVersions('1', '1.1')).toBeLessThan(0);
  });
});

describe('negotiateApiVersion', () => {
  it('knows 1.53 as the newest API it understands', () => {
    expect(NEWEST_KNOWN_API).toBe('1.53');
  });

  it('speaks 1.41 to the recorded Engine 20.10 (max 1.41, min 1.12)', () => {
    expect(negotiateApiVersion('1.41', '1.12')).toBe('1.41');
  });

  it('speaks the engine maximum when Strata knows it', () => {
    expect(negotiateApiVersion('1.51', '1.24')).toBe('1.51');
    expect(negotiateApiVersion('1.53', '1.44')).toBe('1.53');
  });

  it('caps a newer engine (1.54) at the newest known API', () => {
    expect(negotiateApiVersion('1.54', '1.44')).toBe('1.53');
    expect(negotiateApiVersion('1.60', '1.24')).toBe(NEWEST_KNOWN_API);
  });

  it('never goes below the engine minimum (Docker 29 refuses anything below 1.44)', () => {
    expect(negotiateApiVersion('1.52', '1.44')).toBe('1.52');
    expect(negotiateApiVersion('1.52', '1.44', '1.43')).toBe('1.44');
    expect(negotiateApiVersion('1.60', '1.55')).toBe('1.55');
  });

  it('honours a custom newest-known version', () => {
    expect(negotiateApiVersion('1.47', '1.12', '1.45')).toBe('1.45');
    expect(negotiateApiVersion('1.41', '1.12', '1.45')).toBe('1.41');
  });
});
