// Staff login and session security: passwords, rate limit, CSRF (token and origin), idle and absolute expiry, logout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';
import { Browserless, ORIGIN, addStaff, loggedIn } from '../support/staff-client.js';
import { hashPassword, verifyPassword } from '../../src/staff/password.js';

let now = new Date('2026-03-02T02:00:00Z');
const clock = () => now;

describe(`staff auth (${testDriver})`, () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime({ clock, env: { STAFF_SESSION_HOURS: '8', STAFF_SESSION_IDLE_MINUTES: '30', STAFF_LOGIN_ATTEMPTS: '3' } });
    await addStaff(t.runtime, 'admin1', 'admin', null);
    await addStaff(t.runtime, 'victim', 'agent', '510311');
  });
  afterAll(async () => t.close());

  it('hashes with scrypt and verifies only the right password', async () => {
    const hash = await hashPassword('一个很长的密码abc');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('一个很长的密码abc', hash)).toBe(true);
    expect(await verifyPassword('一个很长的密码abd', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('redirects pages to the login form and refuses the API without a session', async () => {
    const c = new Browserless(t.app);
    const page = await c.request('/staff');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/staff\/login\?next=/);
    expect((await c.api('GET', '/queue')).status).toBe(401);
  });

  it('logs in with a signed, HttpOnly, SameSite cookie and shows the inbox', async () => {
    const c = new Browserless(t.app);
    const res = await c.login('admin1');
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith('nx_staff='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/staff/);
    const inbox = await c.request('/staff');
    expect(inbox.status).toBe(200);
    expect(await inbox.text()).toContain('待办');
  });

  it('refuses a tampered cookie', async () => {
    const c = await loggedIn(t.app, 'admin1');
    const value = c.cookies.get('nx_staff')!;
    // Always a different character: writing a fixed 'x' is a no-op when the cookie already has one there.
    const flipped = value[10] === 'x' ? 'y' : 'x';
    c.cookies.set('nx_staff', `${value.slice(0, 10)}${flipped}${value.slice(11)}`);
    expect((await c.api('GET', '/queue')).status).toBe(401);
  });

  it('rejects a wrong password without saying whether the user exists, then rate-limits', async () => {
    const c = new Browserless(t.app);
    const unknown = await c.login('nobody', 'wrong-password-1');
    const wrong = await c.login('victim', 'wrong-password-1');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('用户名或密码不对');
    await c.login('victim', 'wrong-password-2');
    await c.login('victim', 'wrong-password-3');
    const limited = await c.login('victim');
    expect(limited.status).toBe(429);
    // The window refills: after 15 minutes the right password works again.
    now = new Date(now.getTime() + 15 * 60_000);
    expect((await c.login('victim')).status).toBe(303);
    const audit = await t.runtime.staff.store.listAudit({ limit: 50 });
    expect(audit.filter((a) => a.action === 'login' && a.username === 'victim').map((a) => a.outcome)).toEqual(
      expect.arrayContaining(['failed', 'denied', 'ok']),
    );
  });

  it('refuses the login form without its token and from another origin', async () => {
    const c = new Browserless(t.app);
    await c.request('/staff/login');
    const noToken = await c.request('/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: 'username=admin1&password=correct-horse-battery',
    });
    expect(noToken.status).toBe(403);
    const crossSite = await c.request('/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'username=admin1&password=correct-horse-battery',
    });
    expect(crossSite.status).toBe(403);
  });

  it('requires the session CSRF token on every API change and on logout', async () => {
    const c = await loggedIn(t.app, 'admin1');
    expect((await c.api('POST', '/canned', { title: '问候', text: '您好' }, { csrf: null })).status).toBe(403);
    expect((await c.api('POST', '/canned', { title: '问候', text: '您好' }, { csrf: 'forged' })).status).toBe(403);
    expect((await c.api('POST', '/canned', { title: '问候', text: '您好' }, { origin: 'https://evil.example' })).status).toBe(201);
    // A cross-site *form* post is refused by the origin check even with a token in the body.
    const form = await c.request('/staff/api/canned', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: `_csrf=${c.csrf}`,
    });
    expect(form.status).toBe(403);
    expect((await c.api('POST', '/canned', { title: '问候', text: '您好' })).status).toBe(201);
    const logoutNoToken = await c.request('/staff/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: '',
    });
    expect(logoutNoToken.status).toBe(403);
    const audit = await t.runtime.staff.store.listAudit({ limit: 20 });
    expect(audit.some((a) => a.action === 'csrf' && a.outcome === 'denied')).toBe(true);
  });

  it('ends a session after the idle limit and after the absolute limit', async () => {
    const idle = await loggedIn(t.app, 'admin1');
    now = new Date(now.getTime() + 29 * 60_000);
    expect((await idle.api('GET', '/queue')).status).toBe(200);
    now = new Date(now.getTime() + 29 * 60_000); // touched 29 minutes ago: still alive
    expect((await idle.api('GET', '/queue')).status).toBe(200);
    now = new Date(now.getTime() + 31 * 60_000);
    expect((await idle.api('GET', '/queue')).status).toBe(401);

    const busy = await loggedIn(t.app, 'admin1');
    for (let i = 0; i < 8 * 4; i++) {
      now = new Date(now.getTime() + 15 * 60_000);
      const r = await busy.api('GET', '/queue');
      if (r.status !== 200) {
        expect(i).toBe(31); // the 32nd quarter hour is 8 hours after login
        expect(r.status).toBe(401);
        return;
      }
    }
    throw new Error('session outlived its absolute limit');
  });

  it('logs out and the old cookie no longer works', async () => {
    const c = await loggedIn(t.app, 'admin1');
    const stolen = c.cookies.get('nx_staff')!;
    const out = await c.request('/staff/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: `_csrf=${c.csrf}`,
    });
    expect(out.status).toBe(303);
    const replay = new Browserless(t.app);
    replay.cookies.set('nx_staff', stolen);
    expect((await replay.api('GET', '/queue')).status).toBe(401);
  });
});
