// drizzle queries behind the staff console's case pages: region-scoped queues with the next deadline, events with staff names, dashboard aggregates.
import { and, asc, desc, eq, getTableColumns, or, sql, type SQL } from 'drizzle-orm';
import { caseEvents, cases, staffAccounts } from '../../db/schema.js';
import type { CaseRegionScope, StaffCaseQueries } from '../cases/staff-case-queries.js';
import { OPEN_STATUSES } from '../cases/status-machine.js';
import type { Database } from './database.js';
import { rowsOf } from './rows.js';

const CASE_NUMBER = /^SC-\d{4}-\d{6,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The deadline the case's current status is running against; what "overdue" means on the console. */
export const dueAtSql = sql<Date | null>`(CASE
  WHEN ${cases.status} = 'received' THEN ${cases.transferDueAt}
  WHEN ${cases.status} IN (${list(OPEN_STATUSES)}) THEN
    CASE WHEN ${cases.firstFeedbackAt} IS NULL THEN LEAST(${cases.feedbackDueAt}, ${cases.resolveDueAt}) ELSE ${cases.resolveDueAt} END
  WHEN ${cases.status} = 'resolved' THEN ${cases.callbackDueAt}
  ELSE NULL END)`;

/** The county or city a case is routed to (its desk's code); null at the province desk. */
const regionSql = sql<string | null>`(CASE WHEN ${cases.level} = 'province' THEN NULL ELSE split_part(${cases.desk}, ':', 2) END)`;

function scopeCondition(scope: CaseRegionScope): SQL | undefined {
  if (!scope.regionCodes) return undefined;
  const desks = scope.regionCodes.flatMap((code) => [`county:${code}`, `city:${code}`]);
  const parts: SQL[] = [];
  // Desk equality keeps the (status, level, desk) index usable.
  if (desks.length) parts.push(sql`${cases.desk} IN (${list(desks)})`);
  if (scope.includeProvince) parts.push(eq(cases.level, 'province'));
  return parts.length ? or(...parts) : sql`false`;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function createCaseStaffStore(db: Database): StaffCaseQueries {
  const selection = { record: getTableColumns(cases), dueAt: dueAtSql };

  return {
    async list(q) {
      const conditions: (SQL | undefined)[] = [scopeCondition(q)];
      if (q.status) conditions.push(eq(cases.status, q.status));
      if (q.category) conditions.push(eq(cases.category, q.category));
      if (q.overdueAt) conditions.push(sql`${dueAtSql} < ${ts(q.overdueAt)}`);
      if (q.driverId) conditions.push(eq(cases.driverId, q.driverId));
      const rows = await db
        .select(selection)
        .from(cases)
        .where(and(...conditions))
        .orderBy(
          sql`${dueAtSql} ASC NULLS LAST`,
          sql`case ${cases.priority} when 'urgent' then 0 when 'high' then 1 else 2 end`,
          desc(cases.createdAt),
        )
        .limit(Math.min(Math.max(q.limit, 1), 500));
      return rows.map((r) => ({ record: r.record, dueAt: toDate(r.dueAt) }));
    },

    async get(ref) {
      const where = CASE_NUMBER.test(ref) ? eq(cases.number, ref) : UUID.test(ref) ? eq(cases.id, ref) : undefined;
      if (!where) return undefined;
      const [row] = await db.select(selection).from(cases).where(where);
      return row && { record: row.record, dueAt: toDate(row.dueAt) };
    },

    async linkedNumbers(record) {
      const either = record.linkedCaseId
        ? or(eq(cases.id, record.linkedCaseId), eq(cases.linkedCaseId, record.id))
        : eq(cases.linkedCaseId, record.id);
      const rows = await db.select({ number: cases.number }).from(cases).where(either).orderBy(asc(cases.number));
      return rows.map((r) => r.number);
    },

    async events(caseId) {
      const rows = await db
        .select({ event: getTableColumns(caseEvents), actorName: staffAccounts.displayName })
        .from(caseEvents)
        .leftJoin(staffAccounts, sql`${staffAccounts.id}::text = ${caseEvents.actor}`)
        .where(eq(caseEvents.caseId, caseId))
        .orderBy(asc(caseEvents.id));
      return rows.map((r) => ({ ...r.event, actorName: r.actorName }));
    },

    async dashboard(p) {
      const base = and(scopeCondition(p), sql`${cases.createdAt} >= ${ts(p.from)}`, sql`${cases.createdAt} <= ${ts(p.to)}`);
      const count = sql<number>`count(*)::int`;
      const byCategory = await db
        .select({ category: cases.category, count })
        .from(cases)
        .where(base)
        .groupBy(cases.category)
        .orderBy(desc(count), asc(cases.category));
      const byRegion = await db.select({ regionCode: regionSql, count }).from(cases).where(base).groupBy(regionSql).orderBy(desc(count));
      const day = sql<string>`to_char(${cases.createdAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;
      const byStatusPerDay = await db.select({ day, status: cases.status, count }).from(cases).where(base).groupBy(day, cases.status).orderBy(day);
      // Timings come from the event log: the first event by a staff member, and the first move to "resolved".
      // Deadlines: the feedback deadline and the opinion deadline of each case, once met or past; every sweep escalation
      // is a deadline that was missed (the sweep replaces it with a fresh one, so it is counted from `escalations`).
      const now = ts(p.now);
      const [figures] = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          SELECT count(*)::int AS total,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_response - c.created_at) / 60) AS first_response,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.resolved - c.created_at) / 3600) AS resolution,
            coalesce(sum(c.escalations
              + CASE WHEN c.first_feedback_at IS NOT NULL OR c.feedback_due_at < ${now} THEN 1 ELSE 0 END
              + CASE WHEN c.status <> 'rejected' AND (t.resolved IS NOT NULL OR c.resolve_due_at < ${now}) THEN 1 ELSE 0 END), 0)::int AS due,
            coalesce(sum(CASE WHEN c.first_feedback_at <= c.feedback_due_at THEN 1 ELSE 0 END
              + CASE WHEN c.status <> 'rejected' AND t.resolved <= c.resolve_due_at THEN 1 ELSE 0 END), 0)::int AS met
          FROM ${cases} c
          CROSS JOIN LATERAL (
            SELECT min(e.at) FILTER (WHERE e.actor <> 'driver' AND e.actor NOT LIKE 'system:%') AS first_response,
                   min(e.at) FILTER (WHERE e.to_status = 'resolved') AS resolved
            FROM ${caseEvents} e WHERE e.case_id = c.id) t
          WHERE c.id IN (SELECT ${cases.id} FROM ${cases} WHERE ${base})`),
      );
      return {
        total: Number(figures?.total ?? 0),
        byCategory,
        byRegion,
        byStatusPerDay,
        medianFirstResponseMinutes: num(figures?.first_response),
        medianResolutionHours: num(figures?.resolution),
        deadlinesDue: Number(figures?.due ?? 0),
        deadlinesMet: Number(figures?.met ?? 0),
      };
    },
  };
}
