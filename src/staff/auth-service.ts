// Staff login and sessions: scrypt-verified passwords, hashed session tokens, idle and absolute expiry, rate-limited attempts.
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import { createRateLimiter } from './rate-limit.js';
import type { StaffSession, StaffStore } from './types.js';

export interface AuthSettings {
  sessionHours: number;
  idleMinutes: number;
  loginAttempts: number;
}

const LOCKOUT_WINDOW_MS = 15 * 60_000;
// Sessions are touched at most this often, so every page view is not a database write.
const TOUCH_EVERY_MS = 60_000;

export const tokenId = (token: string) => createHash('sha256').update(token).digest('base64url');

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(store: StaffStore, settings: AuthSettings, clock: () => Date) {
  const perUser = createRateLimiter(settings.loginAttempts, LOCKOUT_WINDOW_MS);
  // An address may try a few usernames, but not spray the whole staff list.
  const perAddress = createRateLimiter(settings.loginAttempts * 4, LOCKOUT_WINDOW_MS);

  return {
    async login(usernameRaw: string, password: string, ip: string | null): Promise<{ token: string; session: StaffSession }> {
      const username = usernameRaw.trim().toLowerCase();
      const now = clock();
      const userKey = `${ip ?? '-'}|${username}`;
      const addressKey = ip ?? '-';
      if (!perUser.allowed(userKey, now.getTime()) || !perAddress.allowed(addressKey, now.getTime())) {
        await store.audit({ username, action: 'login', outcome: 'denied', detail: { reason: 'rate_limited' }, ip });
        const wait = Math.max(
          perUser.retryAfter(userKey, now.getTime()),
          perAddress.allowed(addressKey, now.getTime()) ? 0 : perAddress.retryAfter(addressKey, now.getTime()),
        );
        throw new AppError('rate_limited', `登录尝试次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`);
      }
      const account = await store.findAccountByUsername(username);
      const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
      if (!account || !ok || account.disabled) {
        perUser.consume(userKey, now.getTime());
        perAddress.consume(addressKey, now.getTime());
        await store.audit({
          staffId: account?.id ?? null,
          username,
          action: 'login',
          outcome: 'failed',
          ip,
          detail: { reason: account?.disabled ? 'disabled' : 'bad_credentials' },
        });
        throw new AppError('unauthorized', '用户名或密码不对');
      }
      perUser.reset(userKey);
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const expiresAt = new Date(now.getTime() + settings.sessionHours * 3_600_000);
      await store.createSession({ id: tokenId(token), staffId: account.id, csrfToken, expiresAt, ip, now });
      await store.audit({ staffId: account.id, username, action: 'login', outcome: 'ok', regionCode: account.regionCode, ip });
      const { passwordHash: _h, disabled: _d, ...staff } = account;
      return { token, session: { id: tokenId(token), staff, csrfToken, createdAt: now, lastSeenAt: now, expiresAt } };
    },

    /** The live session behind a cookie token, or undefined when it is unknown, idle too long or past its lifetime. */
    async authenticate(token: string): Promise<StaffSession | undefined> {
      const id = tokenId(token);
      const session = await store.findSession(id);
      if (!session) return undefined;
      const now = clock();
      const idleLimit = session.lastSeenAt.getTime() + settings.idleMinutes * 60_000;
      if (now >= session.expiresAt || now.getTime() >= idleLimit) {
        await store.deleteSession(id);
        return undefined;
      }
      if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await store.touchSession(id, now);
      return session;
    },

    async logout(session: StaffSession, ip: string | null): Promise<void> {
      await store.deleteSession(session.id);
      await store.audit({ staffId: session.staff.id, username: session.staff.username, action: 'logout', outcome: 'ok', ip });
    },

    async sweep(): Promise<number> {
      const now = clock();
      return store.deleteExpiredSessions(now, new Date(now.getTime() - settings.idleMinutes * 60_000));
    },

    hashPassword,
  };
}
