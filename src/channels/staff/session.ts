// Staff console sessions over HTTP: the signed HttpOnly cookie, the per-session CSRF token, and the client address.
import type { Actor } from '../../staff/console-service.js';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { AppError } from '../../errors.js';
import type { Assets, StaticScript } from '../../assets/assets.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { StaffRuntime } from '../../staff/staff-runtime.js';
import type { StaffSession } from '../../staff/types.js';

/** What the staff console uses of the runtime. */
export interface StaffChannelDeps {
  config: Pick<Config, 'staff' | 'handoff'>;
  log: Logger;
  staff: StaffRuntime;
  cookieSecret: string;
  assets: Pick<Assets, 'staffStatic'>;
  /** ECharts for the dashboard, when the server has it (the Node server); without it the dashboard shows its tables. */
  chartLibrary?: () => StaticScript | undefined;
}

export const SESSION_COOKIE = 'nx_staff';
export const LOGIN_COOKIE = 'nx_login';
export const CSRF_HEADER = 'x-csrf-token';

export type StaffEnv = { Variables: { session: StaffSession; ip: string | null } };

/** Who is acting, for the console service's access checks and audit: the signed-in staff member and their address. */
export function actorOf(c: { get(key: 'session'): StaffEnv['Variables']['session']; get(key: 'ip'): string | null }): Actor {
  return { staff: c.get('session').staff, ip: c.get('ip') };
}

/** The socket's address. X-Forwarded-For is not trusted: a proxy in front should rate-limit too. */
export function clientIp(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieOptions(runtime: StaffChannelDeps, maxAgeSeconds: number) {
  return { path: '/staff', httpOnly: true, sameSite: 'Lax' as const, secure: runtime.config.staff.secureCookies, maxAge: maxAgeSeconds };
}

export async function startSession(c: Context, runtime: StaffChannelDeps, token: string): Promise<void> {
  await setSignedCookie(c, SESSION_COOKIE, token, runtime.cookieSecret, cookieOptions(runtime, runtime.config.staff.sessionHours * 3600));
}

export function endSession(c: Context, runtime: StaffChannelDeps): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/staff', secure: runtime.config.staff.secureCookies });
}

/** A one-off token for the login form (double submit), since there is no session to hold one yet. */
export async function loginFormToken(c: Context, runtime: StaffChannelDeps): Promise<string> {
  const existing = await getSignedCookie(c, runtime.cookieSecret, LOGIN_COOKIE);
  if (existing) return existing;
  const token = randomBytes(18).toString('base64url');
  await setSignedCookie(c, LOGIN_COOKIE, token, runtime.cookieSecret, cookieOptions(runtime, 3600));
  return token;
}

/**
 * Requires a live session. Pages redirect to the login form; API calls get 401. Every request that
 * changes something must carry the session's CSRF token (header, or `_csrf` form field).
 */
export function requireSession(runtime: StaffChannelDeps, kind: 'page' | 'api'): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    c.set('ip', clientIp(c));
    const token = await getSignedCookie(c, runtime.cookieSecret, SESSION_COOKIE);
    const session = token ? await runtime.staff.auth.authenticate(token) : undefined;
    if (!session) {
      if (token !== undefined) endSession(c, runtime);
      if (kind === 'page' && c.req.method === 'GET') {
        const next = encodeURIComponent(new URL(c.req.url).pathname + new URL(c.req.url).search);
        return c.redirect(`/staff/login?next=${next}${token ? '&expired=1' : ''}`, 302);
      }
      throw new AppError('unauthorized', '登录已过期，请重新登录');
    }
    if (!/^(GET|HEAD)$/.test(c.req.method)) {
      let sent = c.req.header(CSRF_HEADER);
      if (!sent && /^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
        const form = await c.req.parseBody();
        sent = typeof form['_csrf'] === 'string' ? form['_csrf'] : undefined;
      }
      if (!sameToken(sent, session.csrfToken)) {
        await runtime.staff.store.audit({
          staffId: session.staff.id,
          username: session.staff.username,
          action: 'csrf',
          outcome: 'denied',
          targetType: 'path',
          targetId: c.req.path,
          ip: c.get('ip'),
        });
        throw new AppError('forbidden', '请求缺少有效的 CSRF 令牌，请刷新页面后重试');
      }
    }
    c.set('session', session);
    await next();
  };
}
