// The hourly housekeeping: reply claims are kept a day (long past any platform retry), then pruned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';

let now = new Date();

describe(`hourly housekeeping (${testDriver})`, () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime({ clock: () => now });
  });
  afterAll(async () => t.close());

  it('keeps a fresh reply claim and prunes it after a day', async () => {
    const claims = t.runtime.replyClaims;
    expect(await claims.claim('wechat-oa', 'msg-1')).toBe(true);
    expect(await claims.claim('wechat-oa', 'msg-1')).toBe(false);
    expect((await t.runtime.hourly()).replyClaimsPruned).toBe(0);
    expect(await claims.claim('wechat-oa', 'msg-1')).toBe(false);
    now = new Date(Date.now() + 25 * 3_600_000);
    expect((await t.runtime.hourly()).replyClaimsPruned).toBe(1);
    expect(await claims.claim('wechat-oa', 'msg-1')).toBe(true);
  });
});
