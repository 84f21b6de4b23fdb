// One error shape everywhere: `{ "error": { "code", "message" } }`. Views branch on `code`.

export type ErrorCode =
  | 'invalid_input'
  | 'invalid_reference'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'engine_unreachable'
  | 'engine_timeout'
  | 'upstream_failed'
  | 'rate_limited'
  | 'too_large'
  | 'request_timeout'
  | 'internal';

export const statusForCode: Record<ErrorCode, number> = {
  invalid_input: 400,
  invalid_reference: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  engine_unreachable: 503,
  engine_timeout: 504,
  upstream_failed: 502,
  rate_limited: 429,
  too_large: 413,
  request_timeout: 408,
  internal: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

export class StrataError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'StrataError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return statusForCode[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

/** An error line in a streamed JSON-lines answer; `code` when the failure has one of the codes above. */
export interface ErrorLine {
  kind: 'error';
  code?: ErrorCode;
  message: string;
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}
