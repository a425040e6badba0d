// drizzle implementation of the staff store: accounts, sessions, the audit log, canned replies and installation settings.
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { appSettings, auditLog, cannedReplies, staffAccounts, staffSessions } from '../../db/schema.js';
import type { AuditRecord, StaffAccount, StaffMember, StaffStore } from '../staff/types.js';
import type { Database } from './database.js';

function toMember(row: typeof staffAccounts.$inferSelect): StaffMember {
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, regionCode: row.regionCode };
}

export function createStaffStore(db: Database): StaffStore {
  return {
    async createAccount(input) {
      const [row] = await db.insert(staffAccounts).values(input).returning();
      if (!row) throw new Error('staff insert returned nothing');
      return toMember(row);
    },
    async findAccountByUsername(username) {
      const [row] = await db.select().from(staffAccounts).where(eq(staffAccounts.username, username));
      return row ? ({ ...toMember(row), passwordHash: row.passwordHash, disabled: row.disabled } satisfies StaffAccount) : undefined;
    },
    async countAccounts() {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(staffAccounts);
      return row?.n ?? 0;
    },
    async setPassword(staffId, passwordHash) {
      await db.update(staffAccounts).set({ passwordHash }).where(eq(staffAccounts.id, staffId));
    },
    async createSession(input) {
      await db.insert(staffSessions).values({
        id: input.id,
        staffId: input.staffId,
        csrfToken: input.csrfToken,
        expiresAt: input.expiresAt,
        ip: input.ip,
        createdAt: input.now,
        lastSeenAt: input.now,
      });
    },
    async findSession(id) {
      const [row] = await db
        .select()
        .from(staffSessions)
        .innerJoin(staffAccounts, eq(staffAccounts.id, staffSessions.staffId))
        .where(and(eq(staffSessions.id, id), eq(staffAccounts.disabled, false)));
      if (!row) return undefined;
      const s = row.staff_sessions;
      return {
        id: s.id,
        staff: toMember(row.staff_accounts),
        csrfToken: s.csrfToken,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        expiresAt: s.expiresAt,
      };
    },
    async touchSession(id, now) {
      await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, id));
    },
    async deleteSession(id) {
      await db.delete(staffSessions).where(eq(staffSessions.id, id));
    },
    async deleteExpiredSessions(now, idleBefore) {
      const gone = await db
        .delete(staffSessions)
        .where(or(lt(staffSessions.expiresAt, now), lt(staffSessions.lastSeenAt, idleBefore)))
        .returning({ id: staffSessions.id });
      return gone.length;
    },
    async audit(entry) {
      await db.insert(auditLog).values({
        staffId: entry.staffId ?? null,
        username: entry.username ?? null,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        regionCode: entry.regionCode ?? null,
        outcome: entry.outcome,
        detail: entry.detail ?? null,
        ip: entry.ip ?? null,
      });
    },
    async listAudit(filter) {
      const conditions = [];
      if (filter.regionCodes) conditions.push(filter.regionCodes.length ? inArray(auditLog.regionCode, filter.regionCodes) : isNull(auditLog.id));
      if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
      const rows = await db
        .select()
        .from(auditLog)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(filter.limit);
      return rows.map((r): AuditRecord => ({
        id: r.id,
        staffId: r.staffId,
        username: r.username,
        action: r.action,
        targetType: r.targetType ?? undefined,
        targetId: r.targetId ?? undefined,
        regionCode: r.regionCode,
        outcome: r.outcome,
        detail: (r.detail as Record<string, unknown> | null) ?? undefined,
        ip: r.ip,
        createdAt: r.createdAt,
      }));
    },
    async listCanned() {
      const rows = await db.select().from(cannedReplies).orderBy(cannedReplies.title);
      return rows.map((r) => ({ id: r.id, title: r.title, text: r.text }));
    },
    async addCanned(input) {
      const [row] = await db.insert(cannedReplies).values(input).returning();
      if (!row) throw new Error('canned reply insert returned nothing');
      return { id: row.id, title: row.title, text: row.text };
    },
    async deleteCanned(id) {
      const gone = await db.delete(cannedReplies).where(eq(cannedReplies.id, id)).returning({ id: cannedReplies.id });
      return gone.length > 0;
    },
    async setting(key, create) {
      await db.insert(appSettings).values({ key, value: create() }).onConflictDoNothing();
      const [row] = await db.select().from(appSettings).where(eq(appSettings.key, key));
      if (!row) throw new Error(`setting ${key} vanished`);
      return row.value;
    },
  };
}
