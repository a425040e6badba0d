// A driver's first message reaching two server processes at once: one driver, one identity, one conversation, no orphan rows.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/store/rows.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';

describe(`first contact on two processes at once (${testDriver})`, () => {
  let a: TestRuntime;
  let b: TestRuntime;
  beforeAll(async () => {
    a = await createTestRuntime();
    b = await a.sibling();
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('creates the driver once and both turns land in one conversation', async () => {
    const count = async (query: ReturnType<typeof sql>) => Number(rowsOf<{ n: number | string }>(await a.database.db.execute(query))[0]?.n);
    const driversBefore = await count(sql`select count(*) as n from drivers`);
    for (let round = 0; round < 5; round++) {
      const userId = `first-contact-${round}`;
      // Two turns of one conversation at once on two processes: one may get the documented 409 and is sent again.
      const send = async (t: TestRuntime, text: string) => {
        const first = await t.chat({ userId, text });
        return first.status === 409 ? t.chat({ userId, text }) : first;
      };
      const [x, y] = await Promise.all([send(a, '劳动仲裁收费吗'), send(b, '你好')]);
      expect([x.status, y.status]).toEqual([200, 200]);
      expect(x.body.conversationId).toBe(y.body.conversationId);
      // A returning driver's turn on the process that now knows the identity takes the one-statement path.
      const again = await a.chat({ userId, text: '谢谢' });
      expect(again.body.conversationId).toBe(x.body.conversationId);
    }
    expect(await count(sql`select count(*) as n from drivers`)).toBe(driversBefore + 5);
    expect(await count(sql`select count(*) as n from drivers d where not exists (select 1 from driver_identities i where i.driver_id = d.id)`)).toBe(
      0,
    );
    expect(await count(sql`select count(*) as n from messages where direction = 'in' and channel = 'api' and text = '谢谢'`)).toBe(5);
  });
});
