// Regressions from issue 12: framing and CSP headers on the driver page and the console, and the bearer key scoped to its routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

describe('security headers', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime({ env: { COOKIE_SECRET: 'c'.repeat(40), STAFF_COOKIE_SECURE: 'true' } });
  });
  afterAll(async () => t.close());

  it('refuses framing of the driver page, and adds HSTS only when its cookie would be Secure', async () => {
    const page = await t.app.request('/');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    const overHttps = await t.app.request('https://nuanxin.example/');
    expect(overHttps.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  });

  it('gives the console a Content-Security-Policy that allows no inline or foreign script, and HSTS with Secure cookies', async () => {
    for (const path of ['/staff/login', '/staff/assets/console.js']) {
      const res = await t.app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    }
  });
});

describe('CHAT_API_KEY guards the gateway routes only', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime({ env: { COOKIE_SECRET: 'c'.repeat(40), CHAT_API_KEY: 'k'.repeat(24) } });
  });
  afterAll(async () => t.close());

  it("lets the web page's hold-to-talk upload reach /api/voice without a bearer token", async () => {
    const res = await t.app.request('/api/voice', { method: 'POST', headers: { 'content-type': 'audio/webm' }, body: new Uint8Array([1, 2, 3]) });
    expect(res.status).not.toBe(401);
    // No speech model is configured here: the page is told to type instead.
    expect(res.status).toBe(503);
  });

  it('still requires the key on stations, bookings and chat', async () => {
    for (const path of ['/api/stations?lat=30&lon=104', '/api/stations/x', '/api/bookings/NX7K3M9Q', '/api/chat/updates?userId=u']) {
      expect((await t.app.request(path)).status, path).toBe(401);
    }
    expect((await t.app.request('/api/bookings/NX7K3M9Q', { method: 'DELETE' })).status).toBe(401);
    expect((await t.app.request('/api/stations/x/bookings', { method: 'POST' })).status).toBe(401);
  });
});
