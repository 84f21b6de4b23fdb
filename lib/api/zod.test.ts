import { globalConfig } from 'zod/v4/core';
import { describe, expect, it } from 'vitest';
import { pruneRequestSchema } from '@/lib/api/prune';

describe('zod as the contracts use it', () => {
  it('never compiles a parser with new Function (the page CSP has no unsafe-eval)', () => {
    expect(pruneRequestSchema.parse({ target: 'dangling' }).dryRun).toBe(true);
    expect(globalConfig.jitless).toBe(true);
  });
});
