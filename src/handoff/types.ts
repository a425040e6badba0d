// The handoff domain's vocabulary and the store port it owns: who owns a conversation, the staff queue and the transcript.
import type { ConversationRecord } from '../core/ports.js';
import type { ConversationMode, FlowState, HandoffRequest } from '../core/types.js';
import type { HandoffReason as StoredHandoffReason, HandoffStatus } from './handoff-enums.js';

export type { HandoffStatus };
export type HandoffReason = HandoffRequest['reason'];
// The stored reasons and the engine's handoff reasons are one vocabulary: this fails to compile when they drift apart.
const sameReasons: [HandoffReason, StoredHandoffReason] extends [StoredHandoffReason, HandoffReason] ? true : never = true;
void sameReasons;

/** What the driver needs help with, gathered when the handoff opens (see problem.ts); fields the driver never gave are absent. */
export interface HandoffProblem {
  category?: string;
  place?: string;
  amountYuan?: number;
  description?: string;
  counterpart?: string;
  /** The questions the bot could not answer, or the driver's last question before asking for a person. */
  questions: string[];
  name?: string;
  phone?: string;
}

export interface Handoff {
  id: string;
  conversationId: string;
  driverId: string;
  status: HandoffStatus;
  reason: HandoffReason;
  summary: string;
  /** Null for handoffs opened before the problem was recorded. */
  problem: HandoffProblem | null;
  caseId: string | null;
  regionCode: string | null;
  claimedBy: string | null;
  claimedByName?: string | null;
  claimedAt: Date | null;
  firstResponseAt: Date | null;
  escalatedAt: Date | null;
  escalatedTo: string | null;
  closedAt: Date | null;
  createdAt: Date;
}

export interface TranscriptMessage {
  id: number;
  direction: 'in' | 'out';
  author: 'bot' | 'driver' | 'staff';
  text: string;
  createdAt: Date;
}

export interface ConversationInfo extends ConversationRecord {
  /** The driver's id on the channel (the API's userId, the WeChat openid …). */
  externalUserId: string | null;
  updatedAt: Date;
}

export interface StaffNote {
  id: number;
  staffName: string;
  text: string;
  createdAt: Date;
}

export interface QueueFilter {
  statuses: HandoffStatus[];
  /** Region codes visible to the caller; undefined means all (including unknown). */
  regionCodes?: string[];
  includeUnknownRegion: boolean;
  limit: number;
}

export interface HandoffStore {
  /** Inserts a waiting handoff, or returns the conversation's open one when it already has one. */
  open(
    input: Pick<Handoff, 'conversationId' | 'driverId' | 'reason' | 'summary' | 'problem' | 'caseId' | 'regionCode'> & { now: Date },
  ): Promise<{ handoff: Handoff; created: boolean }>;
  get(id: string): Promise<Handoff | undefined>;
  findOpen(conversationId: string): Promise<Handoff | undefined>;
  latestFor(conversationId: string): Promise<Handoff | undefined>;
  list(filter: QueueFilter): Promise<Handoff[]>;
  /** Claims a waiting handoff (or takes over an active one when `takeover`); undefined when it is not claimable. */
  claim(id: string, staffId: string, now: Date, takeover: boolean): Promise<Handoff | undefined>;
  markFirstResponse(id: string, now: Date): Promise<void>;
  close(id: string, status: 'returned' | 'cancelled', staffId: string | null, now: Date, onlyWaiting: boolean): Promise<Handoff | undefined>;
  /** Waiting handoffs whose last escalation (or creation) is older than `before`. */
  dueForEscalation(before: Date): Promise<Handoff[]>;
  escalate(id: string, to: string, now: Date): Promise<boolean>;
  /** Replaces the summary only while it still reads `from`; false when someone changed it first. */
  replaceSummary(id: string, from: string, to: string): Promise<boolean>;
  conversation(id: string): Promise<ConversationInfo | undefined>;
  /** Sets who owns the conversation, bumping its version so a turn in flight sees the change. */
  setMode(conversationId: string, mode: ConversationMode, statePatch: (state: FlowState) => FlowState): Promise<void>;
  transcript(conversationId: string, afterId: number, limit: number): Promise<TranscriptMessage[]>;
  /** The newest messages, oldest first. */
  recentMessages(conversationId: string, limit: number): Promise<TranscriptMessage[]>;
  addMessage(input: { conversationId: string; channel: string; author: 'bot' | 'staff'; text: string }): Promise<TranscriptMessage>;
  addNote(conversationId: string, staffId: string, text: string): Promise<StaffNote>;
  notes(conversationId: string): Promise<StaffNote[]>;
  recentConversations(limit: number): Promise<(ConversationInfo & { lastText: string | null })[]>;
  /** Handoffs created in [from, to), for the dashboard's response-time figures. */
  between(from: Date, to: Date): Promise<Handoff[]>;
}
