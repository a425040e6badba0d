// The conversation suite: multi-turn scripts (scripts/*.yaml) run through /api/chat (web) and /voice/turn (voice), asserted at the turns that matter.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

const texts = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const expectation = z
  .object({
    /** The first line of the first reply (web) or the first sentence spoken (voice) contains each. */
    first: texts.optional(),
    says: texts.optional(),
    saysAny: texts.optional(),
    notSays: texts.optional(),
    /** No reply at all (staff own the chat and were acknowledged already). */
    silent: z.boolean().optional(),
    intent: z.string().optional(),
    mode: z.enum(['bot', 'human']).optional(),
    /** The driver's newest case (highest number) has these fields. */
    case: z.record(z.string(), z.unknown()).optional(),
    /** The case filed just before the newest has these fields. */
    older: z.record(z.string(), z.unknown()).optional(),
    /** Whether the newest case is linked to the one filed just before it. */
    linked: z.boolean().optional(),
    /** How many cases the driver has. */
    cases: z.number().int().optional(),
    /** The newest case's events include these kinds. */
    caseEvents: texts.optional(),
    /** The driver's upcoming bookings: how many, and fields of the first. */
    bookings: z.number().int().optional(),
    booking: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
const turnSchema = z
  .object({
    say: z.string(),
    location: z.object({ lat: z.number(), lon: z.number() }).optional(),
    /** Minutes to move the clock before this turn. */
    after: z.number().optional(),
    web: expectation.optional(),
    voice: expectation.optional(),
  })
  .merge(expectation)
  .strict();
const scriptSchema = z
  .object({
    about: z.string(),
    covers: z.string(),
    /** When the conversation starts (default: a Wednesday 10:00 Beijing time, staff on duty). */
    at: z.string().optional(),
    channels: z.array(z.enum(['web', 'voice'])).default(['web', 'voice']),
    turns: z.array(turnSchema).min(1),
  })
  .strict();
type Script = z.infer<typeof scriptSchema>;
type Expectation = z.infer<typeof expectation>;

const DIR = join(import.meta.dirname, 'scripts');
const scripts = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ file: f, script: scriptSchema.parse(parse(readFileSync(join(DIR, f), 'utf8'))) as Script }));

let t: TestRuntime;
let now = new Date('2026-11-25T10:00:00+08:00');
let serial = 0;

interface Said {
  all: string;
  first: string;
  empty: boolean;
  intent?: string;
  mode?: string;
}

async function sayWeb(user: string, text: string, location?: { lat: number; lon: number }): Promise<Said> {
  const res = await t.chat({ userId: user, text, channel: 'web', ...(location ? { location } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const replies = res.body.replies as { text: string }[];
  const all = replies.map((r) => r.text).join('\n');
  return {
    all,
    first: replies[0]?.text.split('\n')[0] ?? '',
    empty: replies.length === 0 || all.trim() === '',
    intent: res.body.intent,
    mode: res.body.mode,
  };
}

async function sayVoice(user: string, text: string): Promise<Said> {
  const res = await t.app.request('/voice/turn', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ callId: `call-${user}`, caller: user, transcript: text }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { text: string };
  return { all: body.text, first: body.text.split(/[。\n]/)[0] ?? '', empty: body.text.trim() === '' || body.text === '好的。' };
}

async function check(e: Expectation, said: Said, channel: string, user: string): Promise<void> {
  const shown = `${channel} reply: ${said.all}`;
  if (e.silent) expect(said.empty, shown).toBe(true);
  else expect(said.empty, `${shown} (no reply)`).toBe(false);
  for (const s of e.first ?? []) expect(said.first, shown).toContain(s);
  for (const s of e.says ?? []) expect(said.all, shown).toContain(s);
  if (e.saysAny)
    expect(
      e.saysAny.some((s) => said.all.includes(s)),
      shown,
    ).toBe(true);
  for (const s of e.notSays ?? []) expect(said.all, shown).not.toContain(s);
  if (e.intent && said.intent) expect(said.intent, shown).toBe(e.intent);
  if (e.mode && said.mode) expect(said.mode, shown).toBe(e.mode);
  if (e.case || e.cases !== undefined || e.caseEvents || e.older || e.linked !== undefined) {
    const driverId = await t.runtime.conversations.findDriver(channel === 'web' ? 'api' : 'voice', user);
    // Cases filed in one turn share a timestamp: their numbers tell which came first.
    const mine = (driverId ? await t.runtime.cases.service.listDriverCases(driverId, 20) : []).sort((a, b) =>
      b.record.number.localeCompare(a.record.number),
    );
    if (e.cases !== undefined) expect(mine.length, shown).toBe(e.cases);
    if (e.case) expect(mine[0]?.record, shown).toMatchObject(e.case);
    if (e.older) expect(mine[1]?.record, shown).toMatchObject(e.older);
    if (e.linked !== undefined) expect(mine[0]?.record.linkedCaseId === (mine[1]?.record.id ?? null) && mine[1] !== undefined, shown).toBe(e.linked);
    if (e.caseEvents) {
      const kinds = (await t.runtime.cases.service.caseEvents(mine[0]!.record.id)).map((ev) => ev.kind);
      for (const k of e.caseEvents) expect(kinds, shown).toContain(k);
    }
  }
  if (e.bookings !== undefined || e.booking) {
    const driverId = await t.runtime.conversations.findDriver(channel === 'web' ? 'api' : 'voice', user);
    const upcoming = driverId ? await t.runtime.stations.bookings.upcoming({ driverId }, now) : [];
    if (e.bookings !== undefined) expect(upcoming.length, shown).toBe(e.bookings);
    if (e.booking) expect(upcoming[0], shown).toMatchObject(e.booking);
  }
}

function merged(turn: z.infer<typeof turnSchema>, channel: 'web' | 'voice'): Expectation {
  const { say: _s, location: _l, after: _a, web, voice, ...common } = turn;
  return { ...common, ...(channel === 'web' ? web : voice) };
}

// One database per channel: scripts share phone numbers, and a number holds one bed a night.
describe.each(['web', 'voice'] as const)('%s', (channel) => {
  beforeAll(async () => {
    t = await createTestRuntime({ env: { CASE_SWEEP_INTERVAL_MS: '0' }, clock: () => now });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(scripts.filter((s) => s.script.channels.includes(channel)))('$file', async ({ script }) => {
    now = new Date(script.at ?? '2026-11-25T10:00:00+08:00');
    const user = channel === 'voice' ? `1390000${String(serial++).padStart(4, '0')}` : `conv-${serial++}`;
    for (const turn of script.turns) {
      if (turn.after) now = new Date(now.getTime() + turn.after * 60_000);
      const said = channel === 'web' ? await sayWeb(user, turn.say, turn.location) : await sayVoice(user, turn.say);
      await check(merged(turn, channel), said, channel, user);
    }
  });
});
