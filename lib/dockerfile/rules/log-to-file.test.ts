import { describe, expect, it } from 'vitest';
import { file, ruleHits } from '@/lib/dockerfile/testing';

const hits = (text: string) => ruleHits(text, 'log-to-file');

describe('log-to-file', () => {
  it('flags a start command that redirects its output into a log file', () => {
    expect(hits(file('FROM node:22', 'CMD node server.js >> /var/log/app.log 2>&1'))).toEqual([
      expect.objectContaining({
        line: 2,
        severity: 'warning',
        fix: 'Log to stdout/stderr instead, or RUN ln -sf /dev/stdout /var/log/app.log.',
      }),
    ]);
    expect(hits(file('FROM python:3.12', 'ENTRYPOINT ["sh", "-c", "exec python app.py > app.log"]'))).toHaveLength(1);
  });

  it('flags log-file options and web-server config that points into /var/log', () => {
    expect(hits(file('FROM python:3.12', 'CMD ["gunicorn", "--access-logfile", "/srv/access", "app:app"]'))).toHaveLength(1);
    expect(hits(file('FROM mongo:7', 'CMD ["mongod", "--logpath=/data/mongod.log"]'))).toHaveLength(1);
    expect(
      hits(file('FROM eclipse-temurin:21', 'ENTRYPOINT ["java", "-Dlogging.file.name=/app/app.log", "-jar", "app.jar"]')),
    ).toHaveLength(1);
    expect(hits(file('FROM nginx:1.27', 'RUN echo "access_log /var/log/nginx/site.log;" > /etc/nginx/conf.d/log.conf'))).toEqual([
      expect.objectContaining({ line: 2 }),
    ]);
  });

  it('does not flag logs sent to stdout, a log path symlinked to stdout, or build output saved during RUN', () => {
    const text = file(
      'FROM nginx:1.27',
      'RUN ln -sf /dev/stdout /var/log/nginx/site.log',
      'RUN echo "access_log /var/log/nginx/site.log;" > /etc/nginx/conf.d/log.conf',
      'RUN make > /tmp/build.log 2>&1 || (cat /tmp/build.log; exit 1)',
      'CMD ["gunicorn", "--log-file", "-", "--access-logfile=/dev/stdout", "app:app"]',
    );
    expect(hits(text)).toEqual([]);
    expect(hits(file('FROM node:22', 'CMD node server.js 2>&1 | tee /dev/stderr'))).toEqual([]);
  });
});
