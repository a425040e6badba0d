// The case service over a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): filing, state machine, sweep, callback loop.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../tests/support/test-runtime.js';
import { AppError } from '../errors.js';
import type { FileCaseInput } from './case-service.js';

let t: TestRuntime;
let now: Date;
const at = (s: string) => new Date(s);

beforeEach(async () => {
  now = at('2026-11-25T10:00:00+08:00'); // Wednesday
  t = await createTestRuntime({ env: { CASE_SWEEP_INTERVAL_MS: '0', CASE_CALLBACK_DELAY_MINUTES: '30' }, clock: () => now });
});
afterEach(async () => {
  await t.close();
});

/** A driver with a conversation, made the way a channel makes one. */
async function driver(userId: string) {
  const begun = await t.runtime.conversations.beginTurn({ channel: 'api', externalUserId: userId, text: '你好' });
  return { driverId: begun.conversation.driverId, conversationId: begun.conversation.id };
}

function input(who: { driverId: string; conversationId: string }, extra: Partial<FileCaseInput> = {}): FileCaseInput {
  return {
    ...who,
    channel: 'api',
    intakeKey: `intake-${Math.random()}`,
    category: 'freight',
    description: '货主欠运费',
    amountYuan: 30000,
    countyCode: '510121',
    cityCode: '510100',
    employment: 'owner_operator',
    phone: '13812345678',
    consent: true,
    ...extra,
  };
}

const service = () => t.runtime.cases.service;
const kinds = async (ref: string) =>
  (await service().caseEvents(ref)).map((e) => (e.kind === 'status_changed' ? `${e.fromStatus}>${e.toStatus}` : e.kind));

describe('filing', () => {
  it('numbers the case, routes it at once and logs who and when', async () => {
    const d = await driver('a');
    const { record, created } = await service().fileCase(input(d));
    expect(created).toBe(true);
    expect(record.number).toBe('SC-2026-000001');
    expect(record).toMatchObject({ status: 'assigned', level: 'county', desk: 'county:510121', priority: 'normal' });
    expect(record.transferDueAt).toEqual(at('2026-11-25T12:00:00+08:00'));
    expect(record.feedbackDueAt).toEqual(at('2026-11-27T10:00:00+08:00'));
    expect(record.resolveDueAt).toEqual(at('2026-12-02T10:00:00+08:00'));
    const events = await service().caseEvents(record.number);
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ['created', 'driver'],
      ['assigned', 'system:routing'],
    ]);
    expect(events[0]!.at).toEqual(now);
  });

  it('is idempotent per intake, also under concurrency, and numbers never collide', async () => {
    const d = await driver('b');
    const same = input(d, { intakeKey: 'one-intake' });
    const twice = await Promise.all(Array.from({ length: 5 }, () => service().fileCase(same)));
    expect(new Set(twice.map((r) => r.record.number)).size).toBe(1);
    expect(twice.filter((r) => r.created)).toHaveLength(1);
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => service().fileCase(input(d, { intakeKey: `k${i}` }))));
    const numbers = many.map((r) => r.record.number).sort();
    expect(new Set(numbers).size).toBe(20);
    // Lost races roll back their number: the sequence has no gaps.
    expect(numbers.at(-1)).toBe('SC-2026-000021');
  });

  it('refuses to share a non-urgent case without consent, and validates input', async () => {
    const d = await driver('c');
    await expect(service().fileCase(input(d, { consent: false }))).rejects.toMatchObject({ code: 'bad_request', field: 'consent' });
    await expect(service().fileCase(input(d, { phone: '12345' }))).rejects.toBeInstanceOf(AppError);
    expect(await service().listCases({})).toHaveLength(0);
  });

  it('links a second case to the driver’s first, records the link, and refuses another driver’s or an unknown case', async () => {
    const d = await driver('linked');
    const first = await service().fileCase(input(d, { category: 'wage' }));
    const second = await service().fileCase(input(d, { category: 'illegal_fees', amountYuan: 200, linkedTo: first.record.id }));
    expect(second.record.linkedCaseId).toBe(first.record.id);
    expect(first.record.linkedCaseId).toBeNull();
    expect((await service().getCase(second.record.number))?.linkedCaseId).toBe(first.record.id);
    const created = (await service().caseEvents(second.record.id)).find((e) => e.kind === 'created');
    expect(created?.data).toMatchObject({ linkedTo: first.record.id });
    const other = await driver('linked-other');
    await expect(service().fileCase(input(other, { linkedTo: first.record.id }))).rejects.toMatchObject({ code: 'bad_request', field: 'linkedTo' });
    await expect(service().fileCase(input(d, { linkedTo: '00000000-0000-4000-8000-000000000000' }))).rejects.toMatchObject({
      code: 'bad_request',
      field: 'linkedTo',
    });
    expect(await service().listCases({})).toHaveLength(2);
  });

  it('routes by category and amount per the rules data', async () => {
    const d = await driver('d');
    const loan = await service().fileCase(input(d, { category: 'predatory_loan' }));
    expect(loan.record).toMatchObject({ level: 'city', desk: 'city:510100', priority: 'high', routeRule: 'predatory-loan-city' });
    const big = await service().fileCase(input(d, { amountYuan: 5_000_000 }));
    expect(big.record).toMatchObject({ level: 'province', desk: 'province:510000' });
  });
});

describe('state machine through the service', () => {
  it('refuses invalid transitions and writes no event for them', async () => {
    const d = await driver('e');
    const { record } = await service().fileCase(input(d));
    const before = await kinds(record.number);
    await expect(service().transitionCase(record.number, 'closed', { actor: 'staff-1' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(service().transitionCase(record.number, 'callback_done', { actor: 'staff-1' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(service().transitionCase(record.number, 'rejected', { actor: 'staff-1' })).rejects.toMatchObject({ field: 'reason' });
    expect(await kinds(record.number)).toEqual(before);
    await expect(service().transitionCase('SC-2026-999999', 'in_progress', { actor: 'staff-1' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('records every staff action as an event, and rejection tells the driver', async () => {
    const d = await driver('f');
    const { record } = await service().fileCase(input(d));
    await service().assignCase(record.number, { actor: 'staff-1', assignee: '张科员' });
    await service().addNote(record.number, { actor: 'staff-1', text: '已电话联系货主' });
    await service().transferCase(record.number, { actor: 'staff-1', level: 'city', reason: '跨区县' });
    await service().transitionCase(record.number, 'rejected', { actor: 'staff-2', reason: '不属于受理范围' });
    expect(await kinds(record.number)).toEqual(['created', 'assigned', 'assigned', 'note', 'transferred', 'assigned>rejected']);
    const after = await service().getCase(record.number);
    expect(after).toMatchObject({ status: 'rejected', rejectReason: '不属于受理范围', level: 'city', desk: 'city:510100' });
    const updates = await t.runtime.outbox.listSince(d.driverId, 0, 10);
    expect(updates.map((u) => u.kind)).toEqual(['case_rejected']);
  });
});

describe('feedback and callback loop', () => {
  it('feedback and result reach the driver; the callback asks; "not solved" reopens; "solved" closes', async () => {
    const d = await driver('g');
    const { record } = await service().fileCase(input(d));
    await service().addFeedback(record.number, { actor: 'staff-1', text: '已联系货主，约定本周结清' });
    expect((await service().getCase(record.number))?.status).toBe('in_progress');
    await service().resolveCase(record.number, { actor: 'staff-1', resolution: '货主已结清3万元运费' });
    let updates = await t.runtime.outbox.listSince(d.driverId, 0, 10);
    expect(updates.map((u) => u.kind)).toEqual(['case_feedback', 'case_resolved']);
    expect(updates[1]!.text).toContain('货主已结清3万元运费');
    expect(updates[1]!.channel).toBe('api');

    // Not due yet: nothing asked.
    expect(await service().sendDueCallbacks()).toBe(0);
    now = at('2026-11-25T10:31:00+08:00');
    expect((await service().sweep()).callbacksSent).toBe(1);
    updates = await t.runtime.outbox.listSince(d.driverId, 0, 10);
    expect(updates.at(-1)?.kind).toBe('case_callback');

    // The driver answers in the conversation.
    const reply = await t.chat({ userId: 'g', text: '没解决，钱还没到账，2分' });
    expect(reply.body.replies[0].text).toContain('重新转给');
    const reopened = await service().getCase(record.number);
    expect(reopened).toMatchObject({ status: 'reopened', rating: 2, solved: false, priority: 'high' });
    expect(reopened?.resolveDueAt?.getTime()).toBeGreaterThan(now.getTime());

    // Second round: solved, rating asked separately.
    await service().transitionCase(record.number, 'in_progress', { actor: 'staff-1' });
    await service().resolveCase(record.number, { actor: 'staff-1', resolution: '运费已全部到账' });
    now = at('2026-11-25T11:10:00+08:00');
    await service().sweep();
    const first = await t.chat({ userId: 'g', text: '解决了' });
    expect(first.body.replies[0].text).toContain('打个分');
    const second = await t.chat({ userId: 'g', text: '5' });
    expect(second.body.replies[0].text).toContain('已结案');
    expect(await service().getCase(record.number)).toMatchObject({ status: 'closed', rating: 5, solved: true });
    const trail = await kinds(record.number);
    expect(trail).toEqual(expect.arrayContaining(['callback', 'rating', 'resolved>callback_done', 'callback_done>closed', 'resolved>reopened']));
  });

  it('a callback for staff to record by phone works the same, once', async () => {
    const d = await driver('h');
    const { record } = await service().fileCase(input(d));
    await service().resolveCase(record.number, { actor: 'staff-1', resolution: '已协调' });
    await service().recordCallback(record.number, { actor: 'staff-1', solved: true, rating: 4 });
    await expect(service().recordCallback(record.number, { actor: 'staff-1', solved: false })).rejects.toMatchObject({ code: 'conflict' });
    expect((await service().getCase(record.number))?.status).toBe('closed');
  });
});

describe('the overdue sweep', () => {
  it('escalates overdue open cases one level per sweep, with an event each, and leaves others alone', async () => {
    const d = await driver('i');
    const late = (await service().fileCase(input(d))).record;
    const onTime = (await service().fileCase(input(d))).record;
    const done = (await service().fileCase(input(d))).record;
    await service().addFeedback(onTime.number, { actor: 's', text: '在办' });
    await service().resolveCase(done.number, { actor: 's', resolution: '已办结' });

    now = at('2026-11-27T10:00:01+08:00'); // past the 2-working-day feedback deadline
    const first = await service().sweep();
    expect(first.escalated).toBe(1);
    expect(await service().getCase(late.number)).toMatchObject({ level: 'city', desk: 'city:510100', escalations: 1 });
    expect((await service().getCase(onTime.number))?.level).toBe('county');
    expect((await service().getCase(done.number))?.level).toBe('county');
    const event = (await service().caseEvents(late.number)).at(-1)!;
    expect(event).toMatchObject({ kind: 'escalated', actor: 'system:sweep', data: { fromLevel: 'county', toLevel: 'city' } });

    // Same instant again: the new deadlines are in the future, nothing moves.
    expect((await service().sweep()).escalated).toBe(0);

    now = at('2026-12-02T10:00:01+08:00'); // past the 5-working-day handling deadline for both open cases
    expect((await service().sweep()).escalated).toBe(2);
    expect(await service().getCase(late.number)).toMatchObject({ level: 'province', desk: 'province:510000', escalations: 2 });
    expect((await service().listCases({ levels: ['province'] })).map((c) => c.number)).toEqual([late.number]);
  });
});
