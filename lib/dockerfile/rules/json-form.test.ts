import { describe, expect, it } from 'vitest';
import { file, ruleHits as hits } from '@/lib/dockerfile/testing';

describe('json-form (hadolint DL3025, narrowed)', () => {
  it('warns about a shell-form ENTRYPOINT and suggests the exec form', () => {
    expect(hits(file('FROM node:22', 'ENTRYPOINT node server.js'), 'json-form')).toEqual([
      expect.objectContaining({ line: 2, severity: 'warning', fix: 'Write ENTRYPOINT ["node", "server.js"].' }),
    ]);
    expect(hits(file('FROM node:22', 'ENTRYPOINT exec node server.js'), 'json-form')).toEqual([
      expect.objectContaining({ fix: 'Write ENTRYPOINT ["node", "server.js"].' }),
    ]);
    expect(hits(file('FROM node:22', 'ENTRYPOINT ["node", "server.js"]'), 'json-form')).toEqual([]);
  });

  it('mentions a plain shell-form CMD as info, and leaves alone CMDs that need the shell or already use exec', () => {
    expect(hits(file('FROM python:3.12', 'CMD python app.py --port 80'), 'json-form')).toEqual([
      expect.objectContaining({ severity: 'info', fix: 'Write CMD ["python", "app.py", "--port", "80"].' }),
    ]);
    expect(
      hits(
        file(
          'FROM python:3.12',
          'CMD gunicorn -b 0.0.0.0:$PORT app:app',
          'CMD exec python app.py',
          'CMD ["python", "app.py"]',
          'CMD npm start',
        ),
        'json-form',
      ),
    ).toEqual([]);
  });
});
