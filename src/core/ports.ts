// Storage ports the conversation engine owns; src/store implements them with drizzle, tests may fake them.
import type { ConversationMode, FlowState, Intent, Reply } from './types.js';

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
}

export interface BeginTurnResult {
  conversation: ConversationRecord;
  inboundId: number;
  /** The same channel message id was stored before: answer with the stored replies. */
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

export interface StoredTurn {
  intent: Intent;
  mode: ConversationMode;
  replies: Reply[];
}

export interface ConversationStore {
  beginTurn(input: BeginTurnInput): Promise<BeginTurnResult>;
  /** The replies stored for an inbound message, or undefined while its turn is still running. */
  turnFor(inboundId: number): Promise<StoredTurn | undefined>;
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
}

export interface DriverDirectory {
  /** The driver behind a channel identity, without creating one. */
  findDriver(channel: string, externalUserId: string): Promise<string | undefined>;
  /** The driver's identities on every channel, so a message can be sent where the driver can read it. */
  identitiesOf(driverId: string): Promise<{ channel: string; externalId: string }[]>;
}

/** A concurrent turn changed the conversation first. */
export class ConflictError extends Error {
  constructor(message = 'the conversation changed during this turn') {
    super(message);
    this.name = 'ConflictError';
  }
}
