import { describe, expect, it } from 'vitest';
import { recordLabel } from '@/components/cleanup/build-cache-table';

describe('recordLabel', () => {
  it('says in Dockerfile terms what the descriptions Docker 28.5 and 20.10 give mean', () => {
    expect(recordLabel('mount / from exec /bin/sh -c echo p1 > /p1')).toBe('RUN echo p1 > /p1');
    expect(recordLabel('http url http://build-context-2k2munp56lprk3cuum0weyc2x')).toBe('Build context, as uploaded');
    expect(recordLabel('copy /context /')).toBe('Build context, unpacked');
    expect(recordLabel('cached mount /cache from exec /bin/sh -c echo x > /cache/x')).toBe('Cache mount /cache (RUN --mount=type=cache)');
    expect(recordLabel('')).toMatch(/^Base image layer/);
    expect(recordLabel('from local ')).toMatch(/^Base image layer/);
    expect(recordLabel('fileop target')).toBe('Result of a COPY or ADD step');
    expect(recordLabel('[3/4] COPY a.txt /a.txt')).toBeNull();
  });
});
