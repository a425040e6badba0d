// Bearer-token guard for gateway endpoints, compared in constant time.
import type { MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'hono/utils/buffer';
import { AppError } from '../errors.js';

export function requireBearer(key: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (key) {
      const header = c.req.header('authorization') ?? '';
      const match = /^Bearer\s+(.+)$/i.exec(header);
      if (!match?.[1] || !(await timingSafeEqual(match[1], key))) {
        throw new AppError('unauthorized', 'a valid Authorization: Bearer token is required');
      }
    }
    await next();
  };
}
