// Shared request guards for JSON endpoints: size cap, media type, parse and zod validation with the bad field named.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { refuseUnsafeText } from './text-guard.js';

export const MAX_JSON_BYTES = 16 * 1024;

export function jsonBodyLimit(maxSize = MAX_JSON_BYTES): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new AppError('payload_too_large', `request body is larger than ${Math.round(maxSize / 1024)} KB`);
  };
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    // A declared length is judged from the header, as hono's bodyLimit does, but without touching `c.req.raw.body` first:
    // on Node that makes @hono/node-server build a whole web Request around the socket (undici Request, AbortSignal,
    // ReadableStream), about a tenth of the server's CPU per FAQ turn under bench:ceiling; `c.req.text()` then reads the
    // body straight from Node's request. Node's HTTP parser holds a body to its content-length. Chunked bodies are counted.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (parseInt(length, 10) > maxSize) tooLarge();
      return next();
    }
    return streamed(c, next);
  };
}

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'send the body as application/json');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new AppError('invalid_json', 'the body is not valid JSON');
  }
  return validate(schema, raw);
}

/** Every body, query, path parameter and form goes through here: the text rule first, then the schema. */
export function validate<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  refuseUnsafeText(raw);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : undefined;
  throw new AppError('bad_request', field ? `${field}: ${issue?.message ?? 'is invalid'}` : (issue?.message ?? 'invalid request'), field);
}
