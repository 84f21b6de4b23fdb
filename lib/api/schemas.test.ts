import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { imageRefParam, safeDecode } from '@/lib/api/schemas';

describe('imageRefParam', () => {
  it('decodes a percent-encoded route param before validating it', () => {
    expect(imageRefParam.parse('localhost%3A5555%2Fteam%2Fapp%3A1.0')).toBe('localhost:5555/team/app:1.0');
    expect(imageRefParam.parse('localhost%3A5000%2Fteam%2Fapp')).toBe('localhost:5000/team/app:latest');
  });

  it('hands the engine a familiar name or the ID as given', () => {
    expect(imageRefParam.parse('nginx')).toBe('nginx:latest');
    expect(imageRefParam.parse('docker.io%2Flibrary%2Fnginx%3A1.27')).toBe('nginx:1.27');
    expect(imageRefParam.parse('444089671c21')).toBe('444089671c21');
    expect(imageRefParam.parse('sha256%3A444089671c213d48cf0e1ece0e543fbd1b30715634cffc8b0339f9bd8c05c22c')).toBe(
      'sha256:444089671c213d48cf0e1ece0e543fbd1b30715634cffc8b0339f9bd8c05c22c',
    );
  });

  it('throws a ZodError whose one issue is marked invalid_reference, with the reference message', () => {
    let caught: unknown;
    try {
      imageRefParam.parse('Team%2FApp');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ZodError);
    const issues = (caught as ZodError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'custom',
      message: '“Team/App” has capital letters in its repository name; repository names must be lowercase.',
      params: { code: 'invalid_reference' },
    });
  });

  it('rejects an empty param and a bad tag the same way', () => {
    for (const raw of ['', 'app%3A-bad']) {
      const result = imageRefParam.safeParse(raw);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ params: { code: 'invalid_reference' } });
    }
  });

  it('rejects a non-string', () => {
    const result = imageRefParam.safeParse(42);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('invalid_type');
  });
});

describe('safeDecode', () => {
  it('decodes valid escapes and returns malformed ones unchanged instead of throwing', () => {
    expect(safeDecode('a%2Fb')).toBe('a/b');
    expect(safeDecode('100%')).toBe('100%');
    expect(safeDecode('%E0%A4%A')).toBe('%E0%A4%A');
  });
});
