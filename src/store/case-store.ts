// drizzle implementation of the case ledger: numbered cases, append-only events, follow-ups and the overdue sweep.
import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { caseCounters, caseEvents, caseFollowups, cases, conversations } from '../../db/schema.js';
import { CaseNotFoundError, type CaseStore, type NewCaseEvent } from '../cases/case-store.js';
import { OPEN_STATUSES } from '../cases/status-machine.js';
import type { CaseEvent, CaseFollowup, CaseRecord } from '../cases/case-record.js';
import { chinaDate } from '../china/china-time.js';
import type { CaseEventRow, CaseFollowupRow, CaseRow } from '../../db/schema.js';
import type { Database } from './database.js';
import { rowsOf } from './rows.js';

// The domain owns the record types; these fail to compile when a schema change drifts from them.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const rowsMatchDomain: [Same<CaseRow, CaseRecord>, Same<CaseEventRow, CaseEvent>, Same<CaseFollowupRow, CaseFollowup>] = [true, true, true];
void rowsMatchDomain;

const CASE_NUMBER = /^SC-\d{4}-\d{6,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refCondition(ref: string): SQL | undefined {
  if (CASE_NUMBER.test(ref)) return eq(cases.number, ref);
  if (UUID.test(ref)) return eq(cases.id, ref);
  return undefined;
}

function shanghaiYear(at: Date): number {
  return chinaDate(at).year;
}

const eventRow = (caseId: string, now: Date) => (e: NewCaseEvent) => ({
  caseId,
  kind: e.kind,
  actor: e.actor,
  fromStatus: e.fromStatus ?? null,
  toStatus: e.toStatus ?? null,
  note: e.note ?? null,
  data: e.data ?? null,
  at: now,
});

class DuplicateIntake extends Error {}

export function createCaseStore(db: Database): CaseStore {
  async function byIntake(driverId: string, intakeKey: string) {
    const [row] = await db
      .select()
      .from(cases)
      .where(and(eq(cases.driverId, driverId), eq(cases.intakeKey, intakeKey)));
    return row;
  }

  return {
    async create(input, events, now) {
      const prior = await byIntake(input.driverId, input.intakeKey);
      if (prior) return { record: prior, created: false };
      try {
        const record = await db.transaction(async (tx) => {
          const year = shanghaiYear(now);
          // The counter row lock serialises concurrent filings of a year, so numbers never collide or skip.
          const [counter] = await tx
            .insert(caseCounters)
            .values({ year, last: 1 })
            .onConflictDoUpdate({ target: caseCounters.year, set: { last: sql`${caseCounters.last} + 1` } })
            .returning({ last: caseCounters.last });
          if (!counter) throw new Error('case counter returned nothing');
          const number = `SC-${year}-${String(counter.last).padStart(6, '0')}`;
          const [row] = await tx
            .insert(cases)
            .values({ ...input, number, createdAt: now, updatedAt: now })
            .onConflictDoNothing({ target: [cases.driverId, cases.intakeKey] })
            .returning();
          // Rolled back so the number is not used up by a filing that lost the race.
          if (!row) throw new DuplicateIntake();
          if (events.length) await tx.insert(caseEvents).values(events.map(eventRow(row.id, now)));
          return row;
        });
        return { record, created: true };
      } catch (err) {
        if (!(err instanceof DuplicateIntake)) throw err;
        const winner = await byIntake(input.driverId, input.intakeKey);
        if (!winner) throw new Error('case vanished after a concurrent filing', { cause: err });
        return { record: winner, created: false };
      }
    },

    async get(ref) {
      const where = refCondition(ref);
      if (!where) return undefined;
      const [row] = await db.select().from(cases).where(where);
      return row;
    },

    async mutate(ref, change, now) {
      const where = refCondition(ref);
      if (!where) throw new CaseNotFoundError(ref);
      return db.transaction(async (tx) => {
        const [current] = await tx.select().from(cases).where(where).for('update');
        if (!current) throw new CaseNotFoundError(ref);
        const m = change(current);
        const [updated] = await tx
          .update(cases)
          .set({ ...m.patch, updatedAt: now })
          .where(eq(cases.id, current.id))
          .returning();
        if (!updated) throw new CaseNotFoundError(ref);
        if (m.events.length) await tx.insert(caseEvents).values(m.events.map(eventRow(current.id, now)));
        if (m.followups?.length) {
          await tx
            .insert(caseFollowups)
            .values(m.followups.map((f) => ({ caseId: current.id, kind: f.kind, dueAt: f.dueAt, sentAt: f.sentAt ?? null, createdAt: now })));
        }
        if (m.answerCallback) {
          await tx
            .update(caseFollowups)
            .set({ answeredAt: now, rating: m.answerCallback.rating, solved: m.answerCallback.solved })
            .where(and(eq(caseFollowups.caseId, current.id), eq(caseFollowups.kind, 'callback'), isNull(caseFollowups.answeredAt)));
        }
        return updated;
      });
    },

    async events(caseId) {
      return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
    },

    async followups(caseId) {
      return db.select().from(caseFollowups).where(eq(caseFollowups.caseId, caseId)).orderBy(asc(caseFollowups.id));
    },

    async list(filter) {
      const conditions: SQL[] = [];
      if (filter.statuses?.length) conditions.push(inArray(cases.status, filter.statuses));
      if (filter.levels?.length) conditions.push(inArray(cases.level, filter.levels));
      if (filter.desk) conditions.push(eq(cases.desk, filter.desk));
      if (filter.priority) conditions.push(eq(cases.priority, filter.priority));
      if (filter.driverId) conditions.push(eq(cases.driverId, filter.driverId));
      if (filter.overdueAt) {
        conditions.push(inArray(cases.status, [...OPEN_STATUSES]));
        conditions.push(lt(cases.resolveDueAt, filter.overdueAt));
      }
      return db
        .select()
        .from(cases)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(sql`case ${cases.priority} when 'urgent' then 0 when 'high' then 1 else 2 end`, desc(cases.createdAt))
        .limit(Math.min(filter.limit ?? 50, 500))
        .offset(filter.offset ?? 0);
    },

    async listByDriver(driverId, limit) {
      const rows = await db.select().from(cases).where(eq(cases.driverId, driverId)).orderBy(desc(cases.createdAt)).limit(limit);
      if (!rows.length) return [];
      const last = await db
        .selectDistinctOn([caseEvents.caseId])
        .from(caseEvents)
        // Internal staff notes are never shown to the driver.
        .where(
          and(
            inArray(
              caseEvents.caseId,
              rows.map((r) => r.id),
            ),
            ne(caseEvents.kind, 'note'),
          ),
        )
        .orderBy(caseEvents.caseId, desc(caseEvents.id));
      const byCase = new Map(last.map((e) => [e.caseId, e]));
      return rows.map((record) => ({ record, lastEvent: byCase.get(record.id) }));
    },

    async sweepOverdue(p) {
      const now = p.now.toISOString();
      const open = sql.join(
        OPEN_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      );
      // One statement: lock the overdue open cases, move each one level up with fresh deadlines, log an event per case.
      const result = await db.execute(sql`
        WITH overdue AS (
          SELECT id, level AS old_level, desk AS old_desk FROM cases
          WHERE status IN (${open}) AND (
            (status = 'received' AND transfer_due_at < ${now}::timestamptz)
            OR (first_feedback_at IS NULL AND feedback_due_at < ${now}::timestamptz)
            OR resolve_due_at < ${now}::timestamptz)
          FOR UPDATE SKIP LOCKED
        ), moved AS (
          UPDATE cases c SET
            level = CASE WHEN c.level = 'county' AND c.city_code IS NOT NULL THEN 'city' ELSE 'province' END,
            desk = CASE WHEN c.level = 'county' AND c.city_code IS NOT NULL THEN 'city:' || c.city_code ELSE 'province:' || ${p.provinceCode} END,
            escalations = c.escalations + 1,
            transfer_due_at = CASE WHEN c.status = 'received' THEN ${p.transferDueAt.toISOString()}::timestamptz ELSE c.transfer_due_at END,
            feedback_due_at = CASE WHEN c.first_feedback_at IS NULL THEN ${p.feedbackDueAt.toISOString()}::timestamptz ELSE c.feedback_due_at END,
            resolve_due_at = ${p.resolveDueAt.toISOString()}::timestamptz,
            updated_at = ${now}::timestamptz
          FROM overdue o WHERE c.id = o.id
          RETURNING c.id, c.number, c.category, c.priority, c.level, c.desk, c.status, o.old_level, o.old_desk
        ), logged AS (
          INSERT INTO case_events (case_id, kind, from_status, to_status, actor, note, data, at)
          SELECT id, 'escalated', status, status, 'system:sweep', '超期未办结，升级到上一级督办',
                 jsonb_build_object('fromLevel', old_level, 'toLevel', level, 'fromDesk', old_desk, 'toDesk', desk), ${now}::timestamptz
          FROM moved
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM logged)::int AS escalated,
               (SELECT coalesce(json_agg(s), '[]'::json) FROM (
                  SELECT number, category, priority, level FROM moved
                  ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, number LIMIT 20) s) AS sample
      `);
      const [row] = rowsOf<{ escalated: number; sample: unknown }>(result);
      const sample = typeof row?.sample === 'string' ? JSON.parse(row.sample) : (row?.sample ?? []);
      return { escalated: Number(row?.escalated ?? 0), sample: sample as { number: string; category: string; priority: string; level: string }[] };
    },

    async dueCallbacks(now, limit) {
      const rows = await db
        .select({ followupId: caseFollowups.id, record: cases })
        .from(caseFollowups)
        .innerJoin(cases, eq(cases.id, caseFollowups.caseId))
        .where(
          and(
            eq(caseFollowups.kind, 'callback'),
            isNull(caseFollowups.sentAt),
            isNull(caseFollowups.answeredAt),
            lt(caseFollowups.dueAt, now),
            eq(cases.status, 'resolved'),
          ),
        )
        .orderBy(asc(caseFollowups.dueAt))
        .limit(limit);
      return rows;
    },

    async markFollowupSent(followupId, now) {
      await db.update(caseFollowups).set({ sentAt: now }).where(eq(caseFollowups.id, followupId));
    },

    async setPendingCallback(conversationId, flow) {
      const updated = await db
        .update(conversations)
        .set({
          state: sql`jsonb_set(${conversations.state}, '{flow}', ${JSON.stringify(flow)}::jsonb)`,
          version: sql`${conversations.version} + 1`,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(conversations.id, conversationId),
            eq(conversations.mode, 'bot'),
            or(
              sql`${conversations.state} -> 'flow' IS NULL`,
              sql`jsonb_typeof(${conversations.state} -> 'flow') = 'null'`,
              sql`${conversations.state} -> 'flow' ->> 'name' = ${flow.name}`,
            ),
          ),
        )
        .returning({ id: conversations.id });
      return updated.length > 0;
    },
  };
}
