// Pull and push progress: the engine's NDJSON lines turned into per-layer state a bar can show.
// Errors arrive mid-stream as HTTP 200 lines ({"errorDetail":…}); they end the transfer here.
import 'server-only';
import type { ErrorCode } from '@/lib/api/errors';
import type { TransferEvent, TransferLayer } from '@/lib/api/transfer';

export interface RawProgress {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  errorDetail?: { message?: string };
  error?: string;
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

const LAYER_ID = /^[0-9a-f]{12}$/;

function phaseOf(status: string): TransferLayer['phase'] {
  const s = status.toLowerCase();
  if (s.startsWith('already exists') || s.startsWith('layer already exists') || s.startsWith('mounted from')) return 'exists';
  if (s.startsWith('pull complete') || s === 'pushed') return 'complete';
  if (s.startsWith('extracting')) return 'extracting';
  if (s.startsWith('downloading') || s.startsWith('pushing')) return 'transferring';
  if (s.startsWith('verifying') || s.startsWith('download complete')) return 'verifying';
  return 'waiting';
}

/** Maps one engine line to what the browser needs; null for lines that change nothing. */
export function mapProgress(raw: RawProgress): TransferEvent | null {
  if (raw.errorDetail?.message || raw.error) return { kind: 'error', message: raw.errorDetail?.message ?? raw.error ?? 'failed' };
  if (raw.aux?.Digest) return { kind: 'digest', digest: raw.aux.Digest };
  const status = raw.status ?? '';
  const digest = /Digest: (sha256:[0-9a-f]{64})/.exec(status)?.[1] ?? /digest: (sha256:[0-9a-f]{64})/.exec(status)?.[1];
  if (digest) return { kind: 'digest', digest };
  if (raw.id && LAYER_ID.test(raw.id)) {
    const total = raw.progressDetail?.total ?? 0;
    // Push progress can run past its total: clamp it.
    const current = Math.min(raw.progressDetail?.current ?? 0, total || Number.POSITIVE_INFINITY);
    return {
      kind: 'layer',
      layer: { id: raw.id, phase: phaseOf(status), status, current, total, detail: status.startsWith('Mounted from') ? status : null },
    };
  }
  return status ? { kind: 'status', message: status } : null;
}

/** A transfer's failure in plain words, with the code the page branches on. */
export interface TransferFailure {
  code: ErrorCode;
  message: string;
}

/**
 * Plain words and a code for the usual failures: unauthorized (log in), not_found, rate_limited;
 * upstream_failed for a registry the engine cannot reach and for anything else the registry or engine
 * said mid-transfer (an error line arrives after the 200, so it is the far side's failure, not Strata's).
 */
export function explainTransferError(message: string, otherwise: ErrorCode = 'upstream_failed'): TransferFailure {
  // A registry that asked for credentials and got none is a login problem, even where the engine also
  // says the repository may not exist (Docker 28: "push access denied, repository does not exist or may
  // require authorization: authorization failed: no basic auth credentials").
  const notAllowed: TransferFailure = {
    code: 'unauthorized',
    message: `Not allowed: log in to this registry first, or check that the account may use this repository. (${message})`,
  };
  if (/no basic auth credentials|authorization failed|unauthorized|authentication required/i.test(message)) return notAllowed;
  if (/manifest unknown|not found|does not exist/i.test(message)) return { code: 'not_found', message: `Not found: ${message}` };
  if (/denied/i.test(message)) return notAllowed;
  if (/toomanyrequests|rate limit/i.test(message))
    return { code: 'rate_limited', message: `Rate limited by the registry: wait a while, or log in for a higher limit. (${message})` };
  if (/connection refused|no such host|dial tcp|i\/o timeout|network is unreachable|TLS handshake/i.test(message))
    return { code: 'upstream_failed', message: `The registry is unreachable from the Docker engine. (${message})` };
  return { code: otherwise, message };
}
