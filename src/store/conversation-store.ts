// drizzle implementation of the engine's conversation store: drivers, identities, conversations and messages.
import { and, asc, eq, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { conversations, driverIdentities, drivers, messages } from '../../db/schema.js';
import {
  ConflictError,
  MessageIdReusedError,
  type ConversationRecord,
  type ConversationStore,
  type DriverDirectory,
  type TurnLease,
} from '../core/ports.js';
import type { Citation, ConversationMode, FlowState, Intent, Reply } from '../core/types.js';
import type { Database } from './database.js';
import { rowsOf } from './rows.js';

type ConversationRow = typeof conversations.$inferSelect;

function toRecord(row: ConversationRow): ConversationRecord {
  return { id: row.id, driverId: row.driverId, channel: row.channel, mode: row.mode, state: (row.state ?? {}) as FlowState, version: row.version };
}

export async function findOrCreateDriver(db: Database, channel: string, externalId: string): Promise<string> {
  const existing = await db
    .select({ driverId: driverIdentities.driverId })
    .from(driverIdentities)
    .where(and(eq(driverIdentities.channel, channel), eq(driverIdentities.externalId, externalId)));
  if (existing[0]) return existing[0].driverId;
  return db.transaction(async (tx) => {
    const [driver] = await tx.insert(drivers).values({}).returning({ id: drivers.id });
    if (!driver) throw new Error('driver insert returned nothing');
    const inserted = await tx
      .insert(driverIdentities)
      .values({ driverId: driver.id, channel, externalId })
      .onConflictDoNothing()
      .returning({ driverId: driverIdentities.driverId });
    if (inserted[0]) return inserted[0].driverId;
    // A concurrent first message created the identity: use that driver and drop ours.
    await tx.delete(drivers).where(eq(drivers.id, driver.id));
    const [winner] = await tx
      .select({ driverId: driverIdentities.driverId })
      .from(driverIdentities)
      .where(and(eq(driverIdentities.channel, channel), eq(driverIdentities.externalId, externalId)));
    if (!winner) throw new Error('identity vanished during creation');
    return winner.driverId;
  });
}

async function openConversation(db: Database, driverId: string, channel: string): Promise<ConversationRecord> {
  await db.insert(conversations).values({ driverId, channel }).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.driverId, driverId), eq(conversations.channel, channel)));
  if (!row) throw new Error('conversation vanished after insert');
  return toRecord(row);
}

/** A conversation row as raw SQL returns it (snake_case; jsonb parsed by both drivers, or text where a driver did not). */
interface RawConversation {
  id: string;
  driver_id: string;
  channel: string;
  mode: ConversationRecord['mode'];
  state: unknown;
  version: number;
}

function fromRaw(row: RawConversation): ConversationRecord {
  const state = typeof row.state === 'string' ? (JSON.parse(row.state) as FlowState) : ((row.state ?? {}) as FlowState);
  return { id: row.id, driverId: row.driver_id, channel: row.channel, mode: row.mode, state, version: Number(row.version) };
}

/**
 * A first contact's driver, identity and conversation in one statement (it was six round trips and a transaction). When a
 * concurrent first message won the identity, nothing but our driver row is written: it is removed and undefined returned.
 */
async function createFirstContact(db: Database, channel: string, externalId: string): Promise<ConversationRecord | undefined> {
  const result = await db.execute(sql`
    with d as (
      insert into drivers default values returning id
    ), i as (
      insert into driver_identities (driver_id, channel, external_id) select id, ${channel}::text, ${externalId}::text from d
      on conflict do nothing returning driver_id
    ), c as (
      insert into conversations (driver_id, channel) select driver_id, ${channel}::text from i returning id, driver_id, channel, mode, state, version
    )
    select d.id as new_driver_id, c.id, c.driver_id, c.channel, c.mode, c.state, c.version from d left join c on true`);
  const [row] = rowsOf<RawConversation & { new_driver_id: string; id: string | null }>(result);
  if (row?.id) return fromRaw(row);
  if (row) await db.delete(drivers).where(eq(drivers.id, row.new_driver_id));
  return undefined;
}

function replyPayload(reply: Reply): Record<string, unknown> | null {
  // The speech form is kept with the reply, so a re-delivered message is answered exactly as the first time.
  const { text: _text, citations: _citations, ...rest } = reply;
  return Object.keys(rest).length ? rest : null;
}

/** The database's clock decides leases, so processes whose clocks disagree still agree on who holds one. */
const leaseEnd = (lease: TurnLease) => sql`now() + ${Math.max(0, Math.round(lease.ms))}::int * interval '1 millisecond'`;

/**
 * The turn's statements are built once with placeholders and run with values: building drizzle's SQL and its text on every
 * turn (template objects, type checks, escaping) was about 5% of the server's CPU per FAQ turn under bench:ceiling. The SQL
 * sent is the same text as before, so both drivers' named statements still apply.
 */
const dialect = new PgDialect();
type BuiltQuery = ReturnType<PgDialect['sqlToQuery']>;
function prepareRaw(db: Database, query: BuiltQuery) {
  return db._.session.prepareQuery(query, undefined, undefined, false);
}
const p = (name: string) => sql.placeholder(name);

/** The inbound row, inserted from the conversation row(s) of `c` in the same statement. */
const inboundFromC = (lease: boolean) => sql`
  insert into messages (conversation_id, direction, author, text, channel, channel_message_id, lease_owner, lease_until)
  select c.id, 'in', 'driver', ${p('text')}::text, ${p('channel')}::text, ${p('messageId')}::text, ${p('leaseOwner')}::text,
    ${lease ? sql`now() + ${p('leaseMs')}::int * interval '1 millisecond'` : sql`null::timestamptz`}
  from c
  on conflict do nothing
  returning id`;

const returningTurn = (lease: boolean) => sql`
  with c as (
    select id, driver_id, channel, mode, state, version from conversations where id = ${p('conversationId')}
  ), m as (${inboundFromC(lease)})
  select c.*, (select id from m) as inbound_id from c`;

const unknownDriverTurn = (lease: boolean) => sql`
  with known as (
    select c.id, c.driver_id, c.channel, c.mode, c.state, c.version
    from driver_identities i join conversations c on c.driver_id = i.driver_id and c.channel = ${p('channel')}::text
    where i.channel = ${p('channel')}::text and i.external_id = ${p('externalUserId')}::text
  ), d as (
    insert into drivers (display_name) select null where not exists (select 1 from known) returning id
  ), i as (
    insert into driver_identities (driver_id, channel, external_id) select id, ${p('channel')}::text, ${p('externalUserId')}::text from d
    on conflict do nothing returning driver_id
  ), created as (
    insert into conversations (driver_id, channel) select driver_id, ${p('channel')}::text from i
    returning id, driver_id, channel, mode, state, version
  ), c as (
    select * from known union all select * from created
  ), m as (${inboundFromC(lease)})
  select (select id from d) as new_driver_id, c.*, (select id from m) as inbound_id from (select 1) as one left join c on true`;

/** One statement instead of a five-round-trip transaction: the version check gates the other writes, and a single statement is atomic, so a conflict leaves nothing behind. */
const commitTurn = () => sql`
  with conv as (
    update conversations
    set state = ${p('state')}::jsonb, mode = ${p('mode')}, version = version + 1, updated_at = ${p('updatedAt')}::timestamptz
    where id = ${p('conversationId')} and version = ${p('version')}
    returning id
  ), inbound as (
    update messages set intent = ${p('intent')}
    where id = ${p('inboundId')} and exists (select 1 from conv)
    returning id
  ), replies as (
    insert into messages (conversation_id, direction, author, text, intent, citations, payload, channel, reply_to_id)
    select ${p('conversationId')}::uuid, 'out', 'bot', r.text, ${p('intent')}, r.citations, r.payload, ${p('channel')}, ${p('inboundId')}::bigint
    from jsonb_to_recordset(${p('replies')}::jsonb) as r(ord int, text text, citations jsonb, payload jsonb)
    where exists (select 1 from conv)
    order by r.ord
    returning id
  )
  select (select count(*) from conv)::int as updated`;

/** Identities never move between drivers, so their conversation ids can be remembered (bounded, oldest evicted first). */
const IDENTITY_CACHE_SIZE = 10_000;

export function createConversationStore(db: Database): ConversationStore & DriverDirectory {
  // The text is built once; the prepared query belongs to the session it was made on. On Workers `db` resolves to each
  // request's own client, so a query prepared on the first request's (closed) session must not serve the next one.
  const queries = new Map<string, BuiltQuery>();
  const prepared = new WeakMap<object, Map<string, ReturnType<typeof prepareRaw>>>();
  const statement = (key: string, build: () => SQL) => {
    let query = queries.get(key);
    if (!query) queries.set(key, (query = dialect.sqlToQuery(build())));
    const session = db._.session as object;
    let ofSession = prepared.get(session);
    if (!ofSession) prepared.set(session, (ofSession = new Map()));
    let ready = ofSession.get(key);
    if (!ready) ofSession.set(key, (ready = prepareRaw(db, query)));
    return ready;
  };
  const conversationByIdentity = new Map<string, string>();
  const remember = (key: string, conversationId: string) => {
    if (conversationByIdentity.size >= IDENTITY_CACHE_SIZE) conversationByIdentity.delete(conversationByIdentity.keys().next().value as string);
    conversationByIdentity.set(key, conversationId);
  };

  async function conversationFor(channel: string, externalUserId: string): Promise<ConversationRecord> {
    const key = `${channel}\u0000${externalUserId}`;
    const cached = conversationByIdentity.get(key);
    if (cached) {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, cached));
      if (row) return toRecord(row);
      conversationByIdentity.delete(key);
    }
    // A returning driver (the common case) in one round trip; only a first contact creates rows.
    const [known] = await db
      .select({ conversation: conversations })
      .from(driverIdentities)
      .innerJoin(conversations, and(eq(conversations.driverId, driverIdentities.driverId), eq(conversations.channel, channel)))
      .where(and(eq(driverIdentities.channel, channel), eq(driverIdentities.externalId, externalUserId)));
    if (known) {
      remember(key, known.conversation.id);
      return toRecord(known.conversation);
    }
    const created = await createFirstContact(db, channel, externalUserId);
    const conversation = created ?? (await openConversation(db, await findOrCreateDriver(db, channel, externalUserId), channel));
    remember(key, conversation.id);
    return conversation;
  }

  return {
    async findDriver(channel, externalUserId) {
      const [row] = await db
        .select({ driverId: driverIdentities.driverId })
        .from(driverIdentities)
        .where(and(eq(driverIdentities.channel, channel), eq(driverIdentities.externalId, externalUserId)));
      return row?.driverId;
    },

    async identitiesOf(driverId) {
      return db
        .select({ channel: driverIdentities.channel, externalId: driverIdentities.externalId })
        .from(driverIdentities)
        .where(eq(driverIdentities.driverId, driverId))
        .orderBy(asc(driverIdentities.createdAt));
    },

    async beginTurn(input) {
      const text = input.text.replaceAll('\u0000', '');
      const messageId = input.messageId?.replaceAll('\u0000', '') ?? null;
      const key = `${input.channel}\u0000${input.externalUserId}`;
      const values = {
        text,
        channel: input.channel,
        externalUserId: input.externalUserId,
        messageId,
        leaseOwner: input.lease?.owner ?? null,
        leaseMs: input.lease ? Math.max(0, Math.round(input.lease.ms)) : null,
      };
      const cached = conversationByIdentity.get(key);
      if (cached) {
        // A returning driver known to this process: the conversation read and the inbound row written in one round trip.
        const result = await statement(input.lease ? 'returning+lease' : 'returning', () => returningTurn(Boolean(input.lease))).execute({
          ...values,
          conversationId: cached,
        });
        const [row] = rowsOf<RawConversation & { inbound_id: number | string | null }>(result);
        if (row && row.inbound_id !== null) return { conversation: fromRaw(row), inboundId: Number(row.inbound_id), duplicate: false };
        // A re-delivery (or a conversation deleted under the cache) takes the general path below.
      } else {
        // Unknown to this process: find the conversation, or create driver, identity and conversation, and store the inbound
        // row, all in one statement (a new driver's turn started with three). A driver row is made only when none is found.
        const result = await statement(input.lease ? 'unknown+lease' : 'unknown', () => unknownDriverTurn(Boolean(input.lease))).execute(values);
        const [row] = rowsOf<Partial<RawConversation> & { new_driver_id: string | null; inbound_id: number | string | null }>(result);
        if (row?.id) {
          const conversation = fromRaw(row as RawConversation);
          remember(key, conversation.id);
          if (row.inbound_id !== null) return { conversation, inboundId: Number(row.inbound_id), duplicate: false };
          // A re-delivered message id: the general path below finds the first delivery.
        } else if (row?.new_driver_id) {
          // A concurrent first message won the identity: drop our driver; the general path finds theirs.
          await db.delete(drivers).where(eq(drivers.id, row.new_driver_id));
        }
      }
      const conversation = await conversationFor(input.channel, input.externalUserId);
      const channelMessageId = messageId || null;
      const inserted = await db
        .insert(messages)
        .values({
          conversationId: conversation.id,
          direction: 'in',
          author: 'driver',
          // Every channel adapter funnels here; NUL cannot be stored in PostgreSQL text.
          text,
          channel: input.channel,
          channelMessageId,
          ...(input.lease ? { leaseOwner: input.lease.owner, leaseUntil: leaseEnd(input.lease) } : {}),
        })
        .onConflictDoNothing()
        .returning({ id: messages.id });
      if (inserted[0]) return { conversation, inboundId: inserted[0].id, duplicate: false };
      const [prior] = await db
        .select({ id: messages.id, text: messages.text })
        .from(messages)
        .where(and(eq(messages.conversationId, conversation.id), eq(messages.channelMessageId, channelMessageId ?? '')));
      if (!prior) throw new Error('duplicate message vanished');
      if (prior.text !== text) throw new MessageIdReusedError();
      return { conversation, inboundId: prior.id, duplicate: true };
    },

    async turnFor(inboundId) {
      const [inbound] = await db
        .select({ intent: messages.intent, mode: conversations.mode })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .where(eq(messages.id, inboundId));
      // The inbound row gets its intent when the turn commits, so a null intent means "still running".
      if (!inbound?.intent) return undefined;
      const rows = await db.select().from(messages).where(eq(messages.replyToId, inboundId)).orderBy(asc(messages.id));
      const replies: Reply[] = rows.map((r) => ({
        text: r.text,
        ...(r.citations ? { citations: r.citations as Citation[] } : {}),
        ...((r.payload as Record<string, unknown> | null) ?? {}),
      }));
      return { intent: inbound.intent as Intent, mode: inbound.mode as ConversationMode, replies };
    },

    async leaseTurn(inboundId, lease) {
      // One conditional update, so of two processes finding the same expired lease only one takes it.
      const taken = await db
        .update(messages)
        .set({ leaseOwner: lease.owner, leaseUntil: leaseEnd(lease) })
        .where(
          and(
            eq(messages.id, inboundId),
            isNull(messages.intent),
            or(isNull(messages.leaseUntil), lte(messages.leaseUntil, sql`now()`), eq(messages.leaseOwner, lease.owner)),
          ),
        )
        .returning({ id: messages.id });
      return taken.length > 0;
    },

    async releaseTurn(inboundId, owner) {
      await db
        .update(messages)
        .set({ leaseUntil: null })
        .where(and(eq(messages.id, inboundId), eq(messages.leaseOwner, owner), isNull(messages.intent)));
    },

    async commitTurn(input) {
      const replies = input.replies.map((reply, ord) => ({
        ord,
        text: reply.text,
        citations: reply.citations ?? null,
        payload: replyPayload(reply),
      }));
      const result = await statement('commit', commitTurn).execute({
        state: JSON.stringify(input.state),
        mode: input.mode,
        updatedAt: new Date().toISOString(),
        conversationId: input.conversation.id,
        version: input.conversation.version,
        intent: input.intent,
        inboundId: input.inboundId,
        channel: input.conversation.channel,
        replies: JSON.stringify(replies),
      });
      if (!rowsOf<{ updated: number }>(result)[0]?.updated) throw new ConflictError();
    },

    async getConversation(id) {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
      return row ? toRecord(row) : undefined;
    },
  };
}
