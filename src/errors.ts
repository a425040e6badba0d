// Typed error codes mapped to HTTP status and to what the caller may see; internals are logged, never returned.
import { withoutQueryParams } from './log.js';

export const ERROR_CODES = {
  bad_request: 400,
  /** A string field holds NUL, another control character or a lone surrogate (see src/http/text-guard.ts). */
  invalid_characters: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  /** The same sender re-sent a message id with different text. */
  message_id_reused: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly status: (typeof ERROR_CODES)[ErrorCode];
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_CODES[code];
  }
  toBody(): { error: { code: ErrorCode; message: string; field?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
  '08006',
  '08001',
  '08003',
]);

/** The connection failure's code (ECONNREFUSED, CONNECT_TIMEOUT, 57P03 …) when the database is unreachable or restarting. */
export function databaseUnavailableCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_ERRORS.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when the database is unreachable or restarting: the client should retry, nothing was lost. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return databaseUnavailableCode(err) !== undefined;
}

/** An error's message and stack for the log, without a failed query's parameters (drivers' words; see src/log.ts). */
export function loggableError(err: Error): { error: string; stack?: string } {
  return { error: withoutQueryParams(err.message), ...(err.stack ? { stack: withoutQueryParams(err.stack) } : {}) };
}
