// The learning loop's vocabulary and the store port it owns (src/store/knowledge-learning-store.ts implements it with drizzle).
import type { KnowledgeCandidate } from '../core/types.js';
import type { DraftStatus, QuestionReason, QuestionStatus } from './learning-enums.js';

export type { DraftStatus, QuestionReason, QuestionStatus };

export interface NewUnansweredQuestion {
  /** The driver's inbound message the question was asked in: one row per message and reason. */
  messageId: number | null;
  conversationId: string | null;
  reason: QuestionReason;
  text: string;
  /** The entry whose answer the driver rejected. */
  entryId?: string | null;
  candidates: Pick<KnowledgeCandidate, 'id' | 'confidence'>[];
  confidence: number;
  regionCode: string | null;
}

export interface UnansweredQuestion extends NewUnansweredQuestion {
  id: number;
  /** The database's time, like the messages' (the weekly rate compares the two). */
  createdAt: Date;
  status: QuestionStatus;
  resolvedBy: string | null;
  resolvedAt: Date | null;
}

export interface Paraphrase {
  id: number;
  entryId: string;
  text: string;
  questionId: number | null;
  addedBy: string | null;
  addedByName?: string | null;
  createdAt: Date;
}

/** A new entry's fields as staff write them (the curated entry's fields; dates filled on publish). */
export interface DraftEntry {
  id: string;
  title: string;
  category: string;
  region: string;
  questions: string[];
  answer: string;
  speech: string;
  sources: { name: string; article?: string; body?: string }[];
  tags: string[];
  legal?: boolean;
}

export interface KnowledgeDraft {
  id: number;
  entry: DraftEntry;
  status: DraftStatus;
  questionIds: number[];
  regionCode: string | null;
  createdBy: string | null;
  createdByName?: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

/** Which regions a listing covers (the staff member's scope): undefined codes = everything, including no region. */
export interface LearningRegionFilter {
  regionCodes?: string[];
  includeUnknownRegion: boolean;
}

/** Counts for the weekly not-found rate: questions put to the knowledge base, and those it had no answer for. */
export interface NotFoundWindow {
  from: Date;
  to: Date;
  asked: number;
  notFound: number;
}

export interface LearningStore {
  /** Stores an unanswered question; false when this message and reason are already stored (a retried turn). */
  recordQuestion(input: NewUnansweredQuestion): Promise<boolean>;
  /**
   * A driver's inbound message by its channel id, looked up among that sender's own messages only (never another
   * driver's), with the entry its reply cited.
   */
  findAnswered(
    channel: string,
    externalUserId: string,
    channelMessageId: string,
  ): Promise<{ messageId: number; conversationId: string; text: string; intent: string | null; entryId: string | null } | undefined>;
  listQuestions(filter: LearningRegionFilter & { statuses: QuestionStatus[]; limit: number }): Promise<UnansweredQuestion[]>;
  getQuestion(id: number): Promise<UnansweredQuestion | undefined>;
  /** Sets a question's status once, from `open` (false when it was not open any more: someone else acted first). */
  resolveQuestion(id: number, status: Exclude<QuestionStatus, 'open'>, staffId: string, now: Date): Promise<boolean>;
  /** Adds a paraphrase; undefined when the entry already has this exact text. */
  addParaphrase(input: { entryId: string; text: string; questionId: number | null; addedBy: string; now: Date }): Promise<Paraphrase | undefined>;
  listParaphrases(entryId?: string): Promise<Paraphrase[]>;
  createDraft(input: { entry: DraftEntry; questionIds: number[]; regionCode: string | null; createdBy: string; now: Date }): Promise<KnowledgeDraft | undefined>;
  getDraft(id: number): Promise<KnowledgeDraft | undefined>;
  listDrafts(filter: LearningRegionFilter & { statuses: DraftStatus[]; limit: number }): Promise<KnowledgeDraft[]>;
  /** Moves a draft from `draft` to published or rejected; false when it was no longer a draft. */
  reviewDraft(id: number, input: { status: Exclude<DraftStatus, 'draft'>; reviewedBy: string; note: string | null; entry?: DraftEntry; now: Date }): Promise<boolean>;
  /** Published entries, oldest first, for the live index. */
  publishedEntries(): Promise<{ entry: DraftEntry; publishedAt: Date }[]>;
  /** Changes to paraphrases and published entries, so every process can tell that its index is stale. */
  version(): Promise<string>;
  notFoundWindow(from: Date, to: Date): Promise<NotFoundWindow>;
}
