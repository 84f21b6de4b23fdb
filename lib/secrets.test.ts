import { describe, expect, it } from 'vitest';
import { looksSecret, maskInspectEnv, parseEnv } from '@/lib/secrets';

describe('secret-looking env values', () => {
  it('recognises the usual secret names and leaves ordinary ones', () => {
    for (const name of ['API_TOKEN', 'DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'private_key', 'GITHUB_AUTH'])
      expect(looksSecret(name)).toBe(true);
    for (const name of ['PATH', 'GREETING', 'APP_HOME', 'NODE_VERSION']) expect(looksSecret(name)).toBe(false);
  });

  it('splits NAME=value at the first =', () => {
    expect(parseEnv(['A=b=c', 'EMPTY=', 'BARE'])).toEqual([
      { name: 'A', value: 'b=c', secret: false },
      { name: 'EMPTY', value: '', secret: false },
      { name: 'BARE', value: '', secret: false },
    ]);
  });

  it('masks raw inspect JSON without changing the original', () => {
    const raw = { Id: 'x', Config: { Env: ['API_TOKEN=hunter2', 'PATH=/bin'] }, ContainerConfig: { Env: ['DB_PASSWORD=pw'] } };
    const masked = maskInspectEnv(raw) as typeof raw;
    expect(masked.Config.Env).toEqual(['API_TOKEN=••••••', 'PATH=/bin']);
    expect(masked.ContainerConfig.Env).toEqual(['DB_PASSWORD=••••••']);
    expect(raw.Config.Env[0]).toBe('API_TOKEN=hunter2');
    expect(JSON.stringify(masked)).not.toContain('hunter2');
  });
});
