// The staff domain's vocabulary: members, roles, sessions, audit entries, and the store port the domain owns.
import type { StaffRole } from './staff-enums.js';

export type { StaffRole };

export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  /** County, city or province code; null for admins (who see the whole province). */
  regionCode: string | null;
}

export interface StaffAccount extends StaffMember {
  passwordHash: string;
  disabled: boolean;
}

export interface StaffSession {
  id: string;
  staff: StaffMember;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface AuditEntry {
  staffId?: string | null;
  username?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  regionCode?: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  createdAt: Date;
}

export interface CannedReply {
  id: string;
  title: string;
  text: string;
}

export interface StaffStore {
  createAccount(input: Omit<StaffAccount, 'id' | 'disabled'>): Promise<StaffMember>;
  findAccountByUsername(username: string): Promise<StaffAccount | undefined>;
  countAccounts(): Promise<number>;
  setPassword(staffId: string, passwordHash: string): Promise<void>;
  createSession(input: { id: string; staffId: string; csrfToken: string; expiresAt: Date; ip: string | null; now: Date }): Promise<void>;
  findSession(id: string): Promise<StaffSession | undefined>;
  touchSession(id: string, now: Date): Promise<void>;
  deleteSession(id: string): Promise<void>;
  deleteExpiredSessions(now: Date, idleBefore: Date): Promise<number>;
  audit(entry: AuditEntry): Promise<void>;
  listAudit(filter: { regionCodes?: string[]; limit: number; beforeId?: number }): Promise<AuditRecord[]>;
  listCanned(): Promise<CannedReply[]>;
  addCanned(input: { title: string; text: string; createdBy: string }): Promise<CannedReply>;
  deleteCanned(id: string): Promise<boolean>;
  /** An installation setting, created with `create()` on first read. */
  setting(key: string, create: () => string): Promise<string>;
}
