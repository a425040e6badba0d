// What staff can do, with every region check in one place: each action is authorised, audited, then carried out.
import { auditTrail } from './audit-trail.js';
import { DEFAULT_CANNED } from './default-canned.js';
import { AppError } from '../errors.js';
import { digestHandoff, hasDigest, type HandoffDigest } from '../handoff/digest.js';
import type { HandoffService } from '../handoff/handoff-service.js';
import type { Handoff, HandoffStatus, HandoffStore } from '../handoff/types.js';
import type { OutboxItem } from '../core/ports.js';
import type { Access } from './access.js';
import {
  CasePortError,
  type StaffActor,
  type StaffCallbackInput,
  type StaffCaseActionResult,
  type StaffCases,
  type StaffCasePort,
} from './case-port.js';
import type { RegionDirectory } from '../china/regions.js';
import type { StaffMember, StaffStore } from './types.js';

export interface Actor {
  staff: StaffMember;
  ip: string | null;
}

export interface ConsoleDeps {
  handoffs: HandoffService;
  handoffStore: HandoffStore;
  staffStore: StaffStore;
  access: Access;
  regions: RegionDirectory;
  cases: StaffCases;
  clock: () => Date;
  escalateMinutes: number;
  deliver(item: Omit<OutboxItem, 'id' | 'createdAt'>): Promise<OutboxItem>;
  /** The model's digest for staff taking over; absent when no model is configured. */
  digest?: HandoffDigest;
}

export type ConsoleService = ReturnType<typeof createConsoleService>;

export function createConsoleService(deps: ConsoleDeps) {
  const { access, staffStore, handoffStore } = deps;

  const audit = auditTrail(staffStore);

  /** Refuses (and records the attempt) unless the target lies in the actor's region. */
  async function authorise(actor: Actor, action: string, target: { type: string; id: string }, regionCode: string | null): Promise<void> {
    if (access.canSee(actor.staff, regionCode)) return;
    await audit(actor, action, target, regionCode, 'denied');
    throw new AppError('forbidden', `无权操作：不在您的辖区（${deps.regions.name(regionCode)}）`);
  }

  async function requireSupervisor(actor: Actor, action: string, target: { type: string; id: string }) {
    if (access.isSupervisor(actor.staff)) return;
    await audit(actor, action, target, null, 'denied', { reason: 'role' });
    throw new AppError('forbidden', '只有主管或管理员可以这样做');
  }

  async function loadConversation(actor: Actor, action: string, conversationId: string) {
    const conversation = await handoffStore.conversation(conversationId);
    if (!conversation) throw new AppError('not_found', '没有这个对话');
    const handoff = await handoffStore.latestFor(conversationId);
    const regionCode = handoff?.regionCode ?? null;
    await authorise(actor, action, { type: 'conversation', id: conversationId }, regionCode);
    return { conversation, handoff, regionCode };
  }

  async function openHandoffOf(conversationId: string): Promise<Handoff> {
    const open = await handoffStore.findOpen(conversationId);
    if (!open) throw new AppError('conflict', '这个对话现在不在人工服务中');
    return open;
  }

  function requireCases(): StaffCasePort {
    if (!deps.cases.connected) throw new AppError('unavailable', deps.cases.reason);
    return deps.cases;
  }

  /** The driver's cases the actor may see, newest deadline first; none when the case module is not connected. */
  async function casesOfDriver(actor: Actor, driverId: string) {
    if (!deps.cases.connected) return [];
    const rf = access.filterFor(actor.staff);
    const items = await deps.cases.listCases({ ...rf, driverId, limit: 20 });
    return items.filter((c) => access.canSee(actor.staff, c.regionCode));
  }

  const actorOf = (actor: Actor): StaffActor => ({ staffId: actor.staff.id, name: actor.staff.displayName, role: actor.staff.role });

  async function loadCase(actor: Actor, action: string, caseId: string) {
    const port = requireCases();
    const found = await port.getCase(caseId);
    if (!found) throw new AppError('not_found', '没有这个诉求');
    await authorise(actor, action, { type: 'case', id: caseId }, found.regionCode);
    return { port, found };
  }

  async function caseAction(
    actor: Actor,
    action: string,
    caseId: string,
    run: (port: StaffCasePort) => Promise<StaffCaseActionResult>,
    detail?: Record<string, unknown>,
  ) {
    const { port, found } = await loadCase(actor, action, caseId);
    let result: StaffCaseActionResult;
    try {
      result = await run(port);
    } catch (err) {
      if (err instanceof CasePortError) {
        await audit(actor, action, { type: 'case', id: caseId }, found.regionCode, 'failed', { ...detail, error: err.message });
        throw new AppError(err.code, err.message);
      }
      throw err;
    }
    await audit(actor, action, { type: 'case', id: caseId }, found.regionCode, 'ok', detail);
    if (result.driverNotice && result.case.conversationId) {
      const conversation = await handoffStore.conversation(result.case.conversationId);
      if (conversation) {
        await handoffStore.addMessage({ conversationId: conversation.id, channel: conversation.channel, author: 'staff', text: result.driverNotice });
        await deps.deliver({
          driverId: conversation.driverId,
          conversationId: conversation.id,
          channel: conversation.channel,
          kind: 'case_update',
          text: result.driverNotice,
          payload: { caseId },
        });
      }
    }
    return result.case;
  }

  return {
    async queue(actor: Actor, filter: { statuses: HandoffStatus[]; region?: string; overdue?: boolean }) {
      const rf = access.filterFor(actor.staff, filter.region);
      let items = await handoffStore.list({ statuses: filter.statuses, ...rf, limit: 300 });
      if (filter.overdue) {
        const limit = deps.clock().getTime() - deps.escalateMinutes * 60_000;
        items = items.filter((h) => h.status === 'waiting' && h.createdAt.getTime() < limit);
      }
      return items;
    },

    async recentConversations(actor: Actor) {
      const rows = await handoffStore.recentConversations(200);
      const out = [];
      for (const row of rows) {
        const h = await handoffStore.latestFor(row.id);
        if (access.canSee(actor.staff, h?.regionCode ?? null)) out.push({ ...row, regionCode: h?.regionCode ?? null, handoff: h });
        if (out.length >= 50) break;
      }
      return out;
    },

    async conversation(actor: Actor, conversationId: string) {
      const loaded = await loadConversation(actor, 'conversation.view', conversationId);
      const [transcript, notes, open, driverCases] = await Promise.all([
        handoffStore.recentMessages(conversationId, 200),
        handoffStore.notes(conversationId),
        handoffStore.findOpen(conversationId),
        casesOfDriver(actor, loaded.conversation.driverId),
      ]);
      return { ...loaded, open, transcript, notes, driverCases };
    },

    /** Adds the model's digest to the open handoff's summary once; the open handoff as stored, or undefined. */
    async digest(actor: Actor, conversationId: string): Promise<Handoff | undefined> {
      if (!deps.digest) return undefined;
      await loadConversation(actor, 'conversation.view', conversationId);
      const open = await handoffStore.findOpen(conversationId);
      if (!open || hasDigest(open.summary)) return open;
      return digestHandoff(open, await handoffStore.recentMessages(conversationId, 200), deps.digest, handoffStore);
    },

    async transcriptSince(actor: Actor, conversationId: string, afterId: number) {
      await loadConversation(actor, 'conversation.view', conversationId);
      return handoffStore.transcript(conversationId, afterId, 200);
    },

    async pickUp(actor: Actor, conversationId: string) {
      const { conversation, regionCode } = await loadConversation(actor, 'conversation.pickup', conversationId);
      if (conversation.mode === 'human' && (await handoffStore.findOpen(conversationId))) throw new AppError('conflict', '这个对话已在人工服务中');
      const handoff = await deps.handoffs.pickUp(conversationId, actor.staff.id);
      await audit(actor, 'conversation.pickup', { type: 'conversation', id: conversationId }, handoff.regionCode ?? regionCode, 'ok');
      return handoff;
    },

    async claim(actor: Actor, handoffId: string) {
      const handoff = await handoffStore.get(handoffId);
      if (!handoff) throw new AppError('not_found', '没有这个转人工记录');
      await authorise(actor, 'handoff.claim', { type: 'handoff', id: handoffId }, handoff.regionCode);
      const takeover = access.isSupervisor(actor.staff);
      const claimed = await deps.handoffs.claim(handoffId, actor.staff.id, takeover);
      if (!claimed) {
        await audit(actor, 'handoff.claim', { type: 'handoff', id: handoffId }, handoff.regionCode, 'failed', {
          status: handoff.status,
          claimedBy: handoff.claimedByName,
        });
        throw new AppError('conflict', handoff.status === 'active' ? `已由${handoff.claimedByName ?? '其他工作人员'}接手` : '这个转人工已结束');
      }
      await audit(
        actor,
        'handoff.claim',
        { type: 'handoff', id: handoffId },
        handoff.regionCode,
        'ok',
        takeover && handoff.status === 'active' ? { takeoverFrom: handoff.claimedBy } : undefined,
      );
      return claimed;
    },

    /**
     * Replying claims: a reply to a waiting handoff claims it for the sender (a supervisor's reply takes over an active
     * one), recorded as a claim in the audit log; `claimed` says the reply did so. The console says this before sending.
     */
    async reply(actor: Actor, conversationId: string, text: string) {
      const { regionCode } = await loadConversation(actor, 'conversation.reply', conversationId);
      let handoff = await openHandoffOf(conversationId);
      let claimed = false;
      if (handoff.claimedBy !== actor.staff.id) {
        if (handoff.status === 'active' && !access.isSupervisor(actor.staff)) {
          await audit(actor, 'conversation.reply', { type: 'conversation', id: conversationId }, regionCode, 'denied', {
            reason: 'claimed_by_other',
          });
          throw new AppError('conflict', `已由${handoff.claimedByName ?? '其他工作人员'}接手，请先联系对方`);
        }
        const taken = await deps.handoffs.claim(handoff.id, actor.staff.id, access.isSupervisor(actor.staff));
        if (!taken) {
          // Someone else claimed it (or it closed) between reading and claiming: never reply on their behalf.
          await audit(actor, 'conversation.reply', { type: 'conversation', id: conversationId }, regionCode, 'failed', { reason: 'claim_lost' });
          throw new AppError('conflict', '这个对话刚被其他工作人员接手或已结束，请刷新后再看');
        }
        await audit(actor, 'handoff.claim', { type: 'handoff', id: handoff.id }, regionCode, 'ok', {
          via: 'reply',
          ...(handoff.status === 'active' ? { takeoverFrom: handoff.claimedBy } : {}),
        });
        handoff = taken;
        claimed = true;
      }
      const message = await deps.handoffs.reply(handoff, actor.staff.id, text);
      await audit(actor, 'conversation.reply', { type: 'conversation', id: conversationId }, regionCode, 'ok', { messageId: message.id });
      return { message, claimed };
    },

    async handBack(actor: Actor, conversationId: string) {
      const { regionCode } = await loadConversation(actor, 'conversation.handback', conversationId);
      const handoff = await openHandoffOf(conversationId);
      if (handoff.status === 'active' && handoff.claimedBy !== actor.staff.id && !access.isSupervisor(actor.staff)) {
        await audit(actor, 'conversation.handback', { type: 'conversation', id: conversationId }, regionCode, 'denied', {
          reason: 'claimed_by_other',
        });
        throw new AppError('conflict', `已由${handoff.claimedByName ?? '其他工作人员'}接手，只有接手人或主管可以交还`);
      }
      const closed = await deps.handoffs.handBack(handoff, actor.staff.id);
      if (!closed) throw new AppError('conflict', '这个转人工已结束');
      await audit(actor, 'conversation.handback', { type: 'conversation', id: conversationId }, regionCode, 'ok');
      return closed;
    },

    async addNote(actor: Actor, conversationId: string, text: string) {
      const { regionCode } = await loadConversation(actor, 'conversation.note', conversationId);
      const note = await handoffStore.addNote(conversationId, actor.staff.id, text);
      await audit(actor, 'conversation.note', { type: 'conversation', id: conversationId }, regionCode, 'ok', { noteId: note.id });
      return note;
    },

    casesConnected: () => deps.cases.connected,
    caseOptions() {
      return deps.cases.connected ? { statuses: deps.cases.statuses(), categories: deps.cases.categories() } : { statuses: [], categories: [] };
    },

    async listCases(actor: Actor, filter: { status?: string; category?: string; region?: string; overdue?: boolean }) {
      if (!deps.cases.connected) return [];
      const rf = access.filterFor(actor.staff, filter.region);
      const items = await deps.cases.listCases({ ...filter, ...rf, limit: 300 });
      // Defence in depth: never show a case outside the region, whatever the port returned.
      return items.filter((c) => access.canSee(actor.staff, c.regionCode));
    },

    async getCase(actor: Actor, caseId: string) {
      return (await loadCase(actor, 'case.view', caseId)).found;
    },
    changeCaseStatus: (actor: Actor, caseId: string, status: string, note?: string) =>
      caseAction(actor, 'case.status', caseId, (port) => port.changeStatus(caseId, status, actorOf(actor), note), { status }),
    addCaseNote: (actor: Actor, caseId: string, text: string) =>
      caseAction(actor, 'case.note', caseId, (port) => port.addNote(caseId, text, actorOf(actor))),
    recordCallback: (actor: Actor, caseId: string, input: StaffCallbackInput) =>
      caseAction(actor, 'case.callback', caseId, (port) => port.recordCallback(caseId, input, actorOf(actor)), {
        reached: input.reached,
        rating: input.rating,
        solved: input.solved ?? null,
      }),

    async dashboard(actor: Actor, range: { from: Date; to: Date; region?: string }) {
      const rf = access.filterFor(actor.staff, range.region);
      const visible = (code: string | null) =>
        (rf.regionCodes ? rf.regionCodes.includes(code ?? '') : true) || (code === null && rf.includeUnknownRegion);
      const handoffs = (await handoffStore.between(range.from, range.to)).filter((h) => visible(h.regionCode));
      const minutes = (a: Date, b: Date | null) => (b ? (b.getTime() - a.getTime()) / 60_000 : undefined);
      const firstResponse = handoffs.map((h) => minutes(h.createdAt, h.firstResponseAt)).filter((m): m is number => m !== undefined);
      const cases = deps.cases.connected ? await deps.cases.dashboard({ from: range.from, to: range.to, ...rf }) : undefined;
      return {
        handoffs: {
          total: handoffs.length,
          byStatus: countBy(handoffs.map((h) => h.status)),
          byReason: countBy(handoffs.map((h) => h.reason)),
          escalated: handoffs.filter((h) => h.escalatedAt).length,
          medianFirstResponseMinutes: median(firstResponse),
          answered: firstResponse.length,
        },
        cases,
      };
    },

    // Until a supervisor writes the team's own, the built-in replies are offered.
    listCanned: async () => {
      const stored = await staffStore.listCanned();
      return stored.length ? stored : [...DEFAULT_CANNED];
    },
    async addCanned(actor: Actor, input: { title: string; text: string }) {
      await requireSupervisor(actor, 'canned.create', { type: 'canned', id: '-' });
      const reply = await staffStore.addCanned({ ...input, createdBy: actor.staff.id });
      await audit(actor, 'canned.create', { type: 'canned', id: reply.id }, null, 'ok', { title: input.title });
      return reply;
    },
    async deleteCanned(actor: Actor, id: string) {
      await requireSupervisor(actor, 'canned.delete', { type: 'canned', id });
      if (!(await staffStore.deleteCanned(id))) throw new AppError('not_found', '没有这条快捷回复');
      await audit(actor, 'canned.delete', { type: 'canned', id }, null, 'ok');
    },

    async auditLog(actor: Actor, beforeId?: number) {
      await requireSupervisor(actor, 'audit.view', { type: 'audit', id: '-' });
      const rf = access.filterFor(actor.staff);
      return staffStore.listAudit({ regionCodes: rf.regionCodes, limit: 200, beforeId });
    },
  };
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function countBy(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}
