// An in-memory ConversationStore: lets the engine run without a database (unit tests, benchmarks' baseline).
import { ConflictError, MessageIdReusedError, type ConversationRecord, type ConversationStore, type StoredTurn } from '../../src/core/ports.js';
import type { Intent } from '../../src/core/types.js';

export function createMemoryConversationStore(): ConversationStore & { conversations: Map<string, ConversationRecord> } {
  let seq = 0;
  const conversations = new Map<string, ConversationRecord>();
  const byIdentity = new Map<string, string>();
  const inboundByChannelId = new Map<string, { id: number; text: string }>();
  const turns = new Map<number, StoredTurn>();
  const leases = new Map<number, { owner: string; until: number }>();
  return {
    conversations,
    async beginTurn(input) {
      const key = `${input.channel}\u0000${input.externalUserId}`;
      let id = byIdentity.get(key);
      if (!id) {
        id = `c${++seq}`;
        byIdentity.set(key, id);
        conversations.set(id, { id, driverId: `d${seq}`, channel: input.channel, mode: 'bot', state: {}, version: 0 });
      }
      const conversation = structuredClone(conversations.get(id) as ConversationRecord);
      const dedupeKey = input.messageId ? `${id}\u0000${input.messageId}` : undefined;
      const prior = dedupeKey ? inboundByChannelId.get(dedupeKey) : undefined;
      if (prior !== undefined) {
        if (prior.text !== input.text) throw new MessageIdReusedError();
        return { conversation, inboundId: prior.id, duplicate: true };
      }
      const inboundId = ++seq;
      if (dedupeKey) inboundByChannelId.set(dedupeKey, { id: inboundId, text: input.text });
      if (input.lease) leases.set(inboundId, { owner: input.lease.owner, until: Date.now() + input.lease.ms });
      return { conversation, inboundId, duplicate: false };
    },
    async turnFor(inboundId) {
      return turns.get(inboundId);
    },
    async leaseTurn(inboundId, lease) {
      const held = leases.get(inboundId);
      if (turns.has(inboundId) || (held && held.owner !== lease.owner && held.until > Date.now())) return false;
      leases.set(inboundId, { owner: lease.owner, until: Date.now() + lease.ms });
      return true;
    },
    async releaseTurn(inboundId, owner) {
      if (leases.get(inboundId)?.owner === owner) leases.delete(inboundId);
    },
    async commitTurn(input) {
      const current = conversations.get(input.conversation.id);
      if (!current || current.version !== input.conversation.version) throw new ConflictError();
      conversations.set(current.id, { ...current, state: structuredClone(input.state), mode: input.mode, version: current.version + 1 });
      turns.set(input.inboundId, { intent: input.intent as Intent, mode: input.mode, replies: structuredClone(input.replies) });
    },
    async getConversation(id) {
      return conversations.get(id);
    },
  };
}
