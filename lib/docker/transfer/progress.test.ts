import { describe, expect, it } from 'vitest';
import { explainTransferError, mapProgress } from '@/lib/docker/transfer/progress';

// Lines as Engine 20.10 streams them (engine-and-hub-api.md §1.8).
describe('mapProgress', () => {
  it('turns pull lines into layer phases', () => {
    expect(mapProgress({ status: 'Already exists', progressDetail: {}, id: '15180fbd1193' })).toEqual({
      kind: 'layer',
      layer: { id: '15180fbd1193', phase: 'exists', status: 'Already exists', current: 0, total: 0, detail: null },
    });
    expect(mapProgress({ status: 'Downloading', progressDetail: { current: 36445, total: 3001128 }, id: '585104d8103d' })).toMatchObject({
      layer: { phase: 'transferring', current: 36445, total: 3001128 },
    });
    expect(mapProgress({ status: 'Pull complete', progressDetail: {}, id: '585104d8103d' })).toMatchObject({
      layer: { phase: 'complete' },
    });
    // "Pulling from x" carries the tag as its id: not a layer.
    expect(mapProgress({ status: 'Pulling from pulltest', id: 'v1' })).toEqual({ kind: 'status', message: 'Pulling from pulltest' });
  });

  it('clamps push counters that run past their total, and keeps "Mounted from"', () => {
    expect(mapProgress({ status: 'Pushing', progressDetail: { current: 207872, total: 204806 }, id: '37568a5ecbed' })).toMatchObject({
      layer: { current: 204806, total: 204806 },
    });
    expect(mapProgress({ status: 'Mounted from demo', progressDetail: {}, id: '6c12aff3522a' })).toMatchObject({
      layer: { phase: 'exists', detail: 'Mounted from demo' },
    });
  });

  it('finds the digest in both the status line and aux', () => {
    const digest = `sha256:${'e'.repeat(64)}`;
    expect(mapProgress({ status: `Digest: ${digest}` })).toEqual({ kind: 'digest', digest });
    expect(mapProgress({ aux: { Tag: 'v1', Digest: digest, Size: 1149 } })).toEqual({ kind: 'digest', digest });
  });

  it('ends on a mid-stream error, which arrives as an ordinary line', () => {
    expect(mapProgress({ errorDetail: { message: 'manifest unknown' }, error: 'manifest unknown' })).toEqual({
      kind: 'error',
      message: 'manifest unknown',
    });
  });
});

describe('explainTransferError', () => {
  it.each([
    ['manifest for localhost:5000/nope:v1 not found: manifest unknown: manifest unknown', 'not_found', /^Not found/],
    ['unauthorized: authentication required', 'unauthorized', /^Not allowed: log in/],
    // Engine 20.10 and 28 (containerd store) on a push without a login:
    ['no basic auth credentials', 'unauthorized', /^Not allowed: log in/],
    [
      'push access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials',
      'unauthorized',
      /^Not allowed: log in/,
    ],
    ["pull access denied for nope, repository does not exist or may require 'docker login'", 'not_found', /^Not found/],
    ['denied: requested access to the resource is denied', 'unauthorized', /^Not allowed: log in/],
    ['toomanyrequests: You have reached your pull rate limit', 'rate_limited', /^Rate limited/],
    [
      'Get "http://localhost:5001/v2/": dial tcp 127.0.0.1:5001: connect: connection refused',
      'upstream_failed',
      /^The registry is unreachable/,
    ],
    ['filesystem layer verification failed for digest sha256:0123', 'upstream_failed', /^filesystem layer verification failed/],
  ])('%s', (message, code, words) => {
    const failure = explainTransferError(message);
    expect(failure.code).toBe(code);
    expect(failure.message).toMatch(words);
  });

  it('keeps the code it is given for words it does not know (a refusal to start)', () => {
    expect(explainTransferError('No such image: strata-test/nope:1', 'not_found')).toEqual({
      code: 'not_found',
      message: 'No such image: strata-test/nope:1',
    });
    expect(explainTransferError('something else', 'conflict').code).toBe('conflict');
  });
});
