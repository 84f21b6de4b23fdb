import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { imageRefParam, tagRef } from '@/lib/api/references';

describe('imageRefParam', () => {
  it('validates the route param as Next decoded it', () => {
    expect(imageRefParam.parse('localhost:5555/team/app:1.0')).toBe('localhost:5555/team/app:1.0');
    expect(imageRefParam.parse('localhost:5000/team/app')).toBe('localhost:5000/team/app:latest');
  });

  it('hands the engine a familiar name or the ID as given', () => {
    expect(imageRefParam.parse('nginx')).toBe('nginx:latest');
    expect(imageRefParam.parse('docker.io/library/nginx:1.27')).toBe('nginx:1.27');
    expect(imageRefParam.parse('444089671c21')).toBe('444089671c21');
    expect(imageRefParam.parse('sha256:444089671c213d48cf0e1ece0e543fbd1b30715634cffc8b0339f9bd8c05c22c')).toBe(
      'sha256:444089671c213d48cf0e1ece0e543fbd1b30715634cffc8b0339f9bd8c05c22c',
    );
  });

  it('throws a ZodError whose one issue is marked invalid_reference, with the reference message', () => {
    let caught: unknown;
    try {
      imageRefParam.parse('Team/App');
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
    for (const raw of ['', 'app:-bad']) {
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

describe('one decoding (issue 13)', () => {
  it('never decodes a parameter Next has already decoded: a still-encoded value is refused, not acted on', () => {
    // `DELETE /api/tags/sec%252Ftarget%3A1` reaches the route as `sec%2Ftarget:1`.
    const refused = tagRef.safeParse('sec%2Ftarget:1');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/percent-escape.*encoded twice/);
    expect(imageRefParam.safeParse('strata-fixture%2Fapp').success).toBe(false);
    expect(tagRef.parse('sec/target:1').familiar).toBe('sec/target:1');
  });
});
