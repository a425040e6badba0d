// Test helpers for the staff console: create accounts, log in through the real form, and call the API with cookie + CSRF.
import type { Hono } from 'hono';
import type { Runtime } from '../../src/runtime.js';
import { hashPassword } from '../../src/staff/password.js';
import type { StaffMember, StaffRole } from '../../src/staff/types.js';

export const ORIGIN = 'http://localhost';
export const TEST_PASSWORD = 'correct-horse-battery';

let passwordHash: Promise<string> | undefined;

export async function addStaff(
  runtime: Runtime,
  username: string,
  role: StaffRole,
  regionCode: string | null,
  displayName = username,
): Promise<StaffMember> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return runtime.staff.store.createAccount({ username, displayName, role, regionCode, passwordHash: await passwordHash });
}

/** A tiny cookie jar over app.request(). */
export class Browserless {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly app: Hono) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(path, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Logs in through GET + POST /staff/login; returns the POST response. */
  async login(username: string, password = TEST_PASSWORD): Promise<Response> {
    const form = await (await this.request('/staff/login')).text();
    const token = /name="_csrf" value="([^"]*)"/.exec(form)?.[1] ?? '';
    const res = await this.request('/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({ username, password, _csrf: token, next: '/staff' }).toString(),
    });
    if (res.status === 303) {
      const me = await this.request('/staff/api/me');
      if (me.ok) this.csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
    }
    return res;
  }

  // Tests read response bodies loosely, like the chat helper does.

  async api(
    method: string,
    path: string,
    body?: unknown,
    opts: { csrf?: string | null; origin?: string } = {},
  ): Promise<{ status: number; body: any }> {
    // Browsers send Origin on every non-GET fetch.
    const headers: Record<string, string> = method === 'GET' ? {} : { origin: opts.origin ?? ORIGIN };
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null) headers['x-csrf-token'] = token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.request(`/staff/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  }
}

export async function loggedIn(app: Hono, username: string): Promise<Browserless> {
  const client = new Browserless(app);
  const res = await client.login(username);
  if (res.status !== 303) throw new Error(`login of ${username} failed with ${res.status}`);
  return client;
}
