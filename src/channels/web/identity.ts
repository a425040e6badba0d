// Anonymous web identity: a random id in a signed, HttpOnly, SameSite=Lax cookie, so a browser can never choose whose chat it reads.
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';

export const WEB_COOKIE = 'nx_web';
const ONE_YEAR = 365 * 24 * 3600;

export interface WebIdentity {
  /** The browser's id, issuing a cookie when it has none (or a forged one). */
  ensure(c: Context): Promise<string>;
  /** The id if the browser already has a valid cookie. */
  read(c: Context): Promise<string | undefined>;
}

/** `secret` is the runtime's cookie secret (COOKIE_SECRET or the database's), so ids survive restarts. */
export function createWebIdentity(secret: string): WebIdentity {
  const key = secret;
  async function read(c: Context): Promise<string | undefined> {
    const value = await getSignedCookie(c, key, WEB_COOKIE);
    return typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value) ? value : undefined;
  }
  return {
    read,
    async ensure(c) {
      const existing = await read(c);
      if (existing) return existing;
      const id = randomUUID();
      await setSignedCookie(c, WEB_COOKIE, id, key, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        maxAge: ONE_YEAR,
        secure: new URL(c.req.url).protocol === 'https:',
      });
      return id;
    },
  };
}
