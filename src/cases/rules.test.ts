// Pure case rules: the status machine, routing rules as data, and working-day deadlines in Asia/Shanghai.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_DIR } from '../runtime.js';
import { addWorkingDays } from '../china/china-time.js';
import { calendarFrom, callbackDueFrom, deadlinesFrom } from './deadlines.js';
import { loadRoutingRules } from './routing-file.js';
import { deskFor, routeCase, routingRulesSchema, type RoutingRules } from './routing.js';
import { allowedTransitions, canTransition, CASE_STATUSES } from './status-machine.js';

const rules = loadRoutingRules(join(KNOWLEDGE_DIR, 'routing', 'rules.json'));
const at = (s: string) => new Date(s);

describe('status machine', () => {
  it('walks the happy path and the callback loop', () => {
    const path = ['received', 'assigned', 'in_progress', 'resolved', 'callback_done', 'closed'] as const;
    for (let i = 0; i < path.length - 1; i++) expect(canTransition(path[i]!, path[i + 1]!)).toBe(true);
    expect(canTransition('resolved', 'reopened')).toBe(true);
    expect(canTransition('reopened', 'in_progress')).toBe(true);
    expect(canTransition('rejected', 'reopened')).toBe(true);
  });

  it('refuses skips, going back and leaving closed', () => {
    expect(canTransition('received', 'resolved')).toBe(false);
    expect(canTransition('in_progress', 'assigned')).toBe(false);
    expect(canTransition('resolved', 'closed')).toBe(false);
    expect(allowedTransitions('closed')).toEqual([]);
    for (const s of CASE_STATUSES) expect(canTransition(s, s)).toBe(false);
  });
});

describe('routing rules', () => {
  const base = { countyCode: '510121', cityCode: '510100', priority: 'normal' as const };

  it('sends ordinary cases to the county desk', () => {
    expect(routeCase({ ...base, category: 'freight', amountYuan: 30000 }, rules)).toEqual({
      level: 'county',
      desk: 'county:510121',
      priority: 'normal',
    });
  });

  it('raises by category and by amount, per the data', () => {
    expect(routeCase({ ...base, category: 'predatory_loan' }, rules)).toMatchObject({
      level: 'city',
      desk: 'city:510100',
      priority: 'high',
      ruleId: 'predatory-loan-city',
    });
    expect(routeCase({ ...base, category: 'freight', amountYuan: 150_000 }, rules)).toMatchObject({ level: 'city', ruleId: 'amount-city' });
    expect(routeCase({ ...base, category: 'freight', amountYuan: 2_000_000 }, rules)).toMatchObject({
      level: 'province',
      desk: 'province:510000',
      ruleId: 'amount-province',
    });
    expect(routeCase({ ...base, category: 'accident', priority: 'urgent' }, rules)).toMatchObject({ level: 'city', priority: 'urgent' });
  });

  it('without a county goes to the city, without a place to the province', () => {
    expect(routeCase({ category: 'freight', cityCode: '510100', priority: 'normal' }, rules)).toMatchObject({ level: 'city', desk: 'city:510100' });
    expect(routeCase({ category: 'freight', priority: 'normal' }, rules)).toMatchObject({ level: 'province', desk: 'province:510000' });
    expect(deskFor('county', {}, '510000')).toEqual({ level: 'province', desk: 'province:510000' });
  });

  it('changing the data changes routing without code', () => {
    const custom: RoutingRules = { ...rules, rules: [{ id: 'wage-province', when: { categories: ['wage'] }, level: 'province', why: '测试' }] };
    expect(routeCase({ ...base, category: 'wage' }, custom)).toMatchObject({ level: 'province', ruleId: 'wage-province' });
    expect(routeCase({ ...base, category: 'predatory_loan' }, custom).level).toBe('county');
  });

  it('rejects malformed rules with the path at fault', () => {
    const bad = routingRulesSchema.safeParse({ ...rules, rules: [{ id: 'x', when: {}, level: 'county', why: 'y' }] });
    expect(bad.success).toBe(false);
    expect(routingRulesSchema.safeParse({ ...rules, deadlines: { ...rules.deadlines, feedbackWorkingDays: 0 } }).success).toBe(false);
  });
});

describe('working-day deadlines (Asia/Shanghai)', () => {
  const cal = calendarFrom(rules);

  it('skips weekends', () => {
    // Thursday 10:00 + 2 working days = Monday 10:00 (Beijing time).
    expect(addWorkingDays(at('2026-11-26T10:00:00+08:00'), 2, cal)).toEqual(at('2026-11-30T10:00:00+08:00'));
    // Friday 23:30 Beijing is still Friday there even though it is Friday 15:30 UTC.
    expect(addWorkingDays(at('2026-11-27T23:30:00+08:00'), 1, cal)).toEqual(at('2026-11-30T23:30:00+08:00'));
  });

  it('counts from the next working day when filed on a day off', () => {
    // Saturday + 2 working days = end of Tuesday (Wednesday 00:00).
    expect(addWorkingDays(at('2026-11-28T15:00:00+08:00'), 2, cal)).toEqual(at('2026-12-02T00:00:00+08:00'));
  });

  it('honours holidays and working weekends from the data', () => {
    const custom = calendarFrom({ calendar: { holidays: ['2026-11-30'], workingWeekends: ['2026-11-28'] } });
    expect(addWorkingDays(at('2026-11-27T10:00:00+08:00'), 2, custom)).toEqual(at('2026-12-01T10:00:00+08:00'));
  });

  it('uses the official 2026 calendar in the rules file: the National Day week off, the 调休 Saturday worked', () => {
    // Wednesday 30 September + 2 working days: 1–7 October are off, Thursday the 8th and Friday the 9th count.
    expect(addWorkingDays(at('2026-09-30T10:00:00+08:00'), 2, cal)).toEqual(at('2026-10-09T10:00:00+08:00'));
    // Saturday 10 October is a working day; Sunday the 11th is not.
    expect(addWorkingDays(at('2026-10-09T10:00:00+08:00'), 1, cal)).toEqual(at('2026-10-10T10:00:00+08:00'));
    expect(addWorkingDays(at('2026-10-10T10:00:00+08:00'), 1, cal)).toEqual(at('2026-10-12T10:00:00+08:00'));
    // Filed on the Spring Festival Monday (23 February, a day off): the count starts on Tuesday the 24th.
    expect(addWorkingDays(at('2026-02-23T09:00:00+08:00'), 2, cal)).toEqual(at('2026-02-26T00:00:00+08:00'));
  });

  it('computes the 2252 deadlines from the rules', () => {
    const d = deadlinesFrom(at('2026-11-25T10:00:00+08:00'), rules); // Wednesday
    expect(d.transferDueAt).toEqual(at('2026-11-25T12:00:00+08:00'));
    expect(d.feedbackDueAt).toEqual(at('2026-11-27T10:00:00+08:00'));
    expect(d.resolveDueAt).toEqual(at('2026-12-02T10:00:00+08:00'));
    expect(callbackDueFrom(at('2026-11-27T16:00:00+08:00'), rules)).toEqual(at('2026-12-01T16:00:00+08:00'));
  });
});
