// Storage ports the conversation engine owns; src/store implements them with drizzle, tests may fake them.
import type { ConversationMode, FlowState, HandoffRequest, Intent, KnowledgeOutcome, Reply, TurnContext } from './types.js';

export interface ConversationRecord {
  id: string;
  driverId: string;
  channel: string;
  mode: ConversationMode;
  state: FlowState;
  version: number;
}

export interface BeginTurnInput {
  channel: string;
  externalUserId: string;
  text: string;
  messageId?: string;
  /** Held on the new inbound message while its turn runs; a re-delivery finding it live waits instead of answering. */
  lease?: TurnLease;
}

/** Who is answering an inbound message, and for how long from now (the store's clock, shared by every process). */
export interface TurnLease {
  owner: string;
  ms: number;
}

export interface BeginTurnResult {
  conversation: ConversationRecord;
  inboundId: number;
  /** The same sender stored this message id before (with the same text): answer with the stored replies. */
  duplicate: boolean;
}

export interface CommitTurnInput {
  conversation: ConversationRecord;
  inboundId: number;
  intent: string;
  state: FlowState;
  mode: ConversationMode;
  replies: Reply[];
}

/** A bot turn once stored, for what learns from turns outside the core (the knowledge base's unanswered questions). */
export interface CommittedTurn {
  /** The driver's inbound message (one per turn, whatever re-deliveries). */
  inboundId: number;
  conversation: ConversationRecord;
  /** The turn's context: the normalised and raw text, location, and the state before the turn. */
  ctx: TurnContext;
  intent: Intent;
  /** What the knowledge base decided: the skill's outcome, else the engine's one search of the text. */
  knowledge?: KnowledgeOutcome;
  /** Whether the bot failed to answer (as counted towards handing over). */
  missed: boolean;
  /** Set when the turn handed the conversation to staff. */
  handoff?: HandoffRequest;
}

/** Told of every committed bot turn; its failure is logged, never the turn's. */
export type TurnObserver = (turn: CommittedTurn) => Promise<void>;

export interface StoredTurn {
  intent: Intent;
  mode: ConversationMode;
  replies: Reply[];
}

export interface ConversationStore {
  beginTurn(input: BeginTurnInput): Promise<BeginTurnResult>;
  /** The replies stored for an inbound message, or undefined while its turn is still running. */
  turnFor(inboundId: number): Promise<StoredTurn | undefined>;
  /**
   * Takes or renews the turn of an unanswered inbound message: true unless it is answered or another owner's lease is
   * still live. The owner's own live lease counts as free, because only the owner knows whether it is still working.
   */
  leaseTurn(inboundId: number, lease: TurnLease): Promise<boolean>;
  /** Gives a failed turn up, so a re-delivery in any process answers it at once instead of waiting for the lease to run out. */
  releaseTurn(inboundId: number, owner: string): Promise<void>;
  /** Stores replies and the new state atomically; throws ConflictError when another turn changed the conversation. */
  commitTurn(input: CommitTurnInput): Promise<void>;
  getConversation(id: string): Promise<ConversationRecord | undefined>;
}

export interface OutboxItem {
  id: number;
  driverId: string;
  conversationId: string | null;
  channel: string;
  kind: string;
  text: string;
  payload: unknown;
  createdAt: Date;
}

export interface OutboxStore {
  enqueue(item: Omit<OutboxItem, 'id' | 'createdAt'>): Promise<OutboxItem>;
  listSince(driverId: string, afterId: number, limit: number): Promise<OutboxItem[]>;
  markDelivered(ids: number[]): Promise<void>;
  /** Items of one channel not yet marked delivered, oldest first (a dispatcher's backlog after a restart or failure). */
  listUndelivered(channel: string, opts: { driverId?: string; limit: number }): Promise<OutboxItem[]>;
  /** How many items each channel has not yet delivered (the operations backlog). */
  backlog(): Promise<{ channel: string; count: number }[]>;
}

/** Which request sends the answer to one channel message when several could (WeChat retries reaching other processes). */
export interface ReplyClaims {
  /** True for the first claim of a channel message id in any process sharing the database, false for every later one. */
  claim(channel: string, messageId: string): Promise<boolean>;
  /** Forgets claims made before `before` (a platform's retries stop within seconds); returns how many went. */
  prune(before: Date): Promise<number>;
}

/** How a signed request's (timestamp, nonce) compares with those seen before by any process sharing the database. */
export type NonceVerdict = 'fresh' | 'retry' | 'replay';

/** Memory of signed webhook requests inside their time window, so a captured request cannot be sent again with another body. */
export interface SignedRequestNonces {
  /** 'fresh' the first time; 'retry' when the same pair comes with the same body digest (the platform's retry); else 'replay'. */
  remember(timestamp: number, nonce: string, bodyDigest: string): Promise<NonceVerdict>;
  /** Forgets pairs whose timestamp is before `before` (unix seconds): the window refuses those anyway. */
  prune(before: number): Promise<number>;
}

export interface DriverDirectory {
  /** The driver behind a channel identity, without creating one. */
  findDriver(channel: string, externalUserId: string): Promise<string | undefined>;
  /** The driver's identities on every channel, so a message can be sent where the driver can read it. */
  identitiesOf(driverId: string): Promise<{ channel: string; externalId: string }[]>;
}

/** A concurrent turn changed the conversation first. */
/** The same sender re-sent a message id with different text: an idempotency key cannot name two messages. */
export class MessageIdReusedError extends Error {
  constructor(message = 'this message id was already used for a different message') {
    super(message);
    this.name = 'MessageIdReusedError';
  }
}

export class ConflictError extends Error {
  constructor(message = 'the conversation changed during this turn') {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The notifier key under which every outbox item of one channel is published, for that channel's dispatcher. */
export const channelUpdatesKey = (channel: string): string => `channel:${channel}`;
