// What staff do on the 未答问题 page: see drivers' unanswered questions of their region grouped, attach one to an entry, draft a new entry, and (supervisors) publish it — each authorised and audited.
import { auditTrail } from './audit-trail.js';
import { AppError } from '../errors.js';
import type { RegionDirectory } from '../china/regions.js';
import { draftEntryOf, entryMarkdown, entryOf, paraphraseSchema, publishProblems, type DraftInput } from '../knowledge/draft-entry.js';
import type { KnowledgeEntry } from '../knowledge/entry-schema.js';
import type { KnowledgeDraft, LearningStore, NotFoundWindow, Paraphrase, UnansweredQuestion } from '../knowledge/learning-types.js';
import type { LiveKnowledgeIndex } from '../knowledge/live-index.js';
import { groupQuestions, type QuestionGroup } from '../knowledge/question-groups.js';
import type { KnowledgeIndex } from '../knowledge/search-index.js';
import type { Access } from './access.js';
import type { Actor } from './console-service.js';
import type { StaffStore } from './types.js';

export interface KnowledgeConsoleDeps {
  store: LearningStore;
  index: LiveKnowledgeIndex;
  /** Builds an index like the live one's (for grouping questions by its similarity). */
  build(entries: readonly KnowledgeEntry[]): KnowledgeIndex;
  staffStore: Pick<StaffStore, 'audit'>;
  access: Access;
  regions: RegionDirectory;
  clock: () => Date;
}

/** The page shows at most this many open questions (newest first); the rest wait for these to be handled. */
const OPEN_LIMIT = 300;
const WEEK_MS = 7 * 86_400_000;

export type KnowledgeConsole = ReturnType<typeof createKnowledgeConsole>;

export function createKnowledgeConsole(deps: KnowledgeConsoleDeps) {
  const { store, access } = deps;
  const today = () => deps.clock().toISOString().slice(0, 10);

  const audit = auditTrail(deps.staffStore);

  async function openQuestion(actor: Actor, action: string, id: number): Promise<UnansweredQuestion> {
    const q = await store.getQuestion(id);
    if (!q) throw new AppError('not_found', '没有这个问题');
    if (!access.canSee(actor.staff, q.regionCode)) {
      await audit(actor, action, { type: 'knowledge_question', id: String(id) }, q.regionCode, 'denied');
      throw new AppError('forbidden', `无权操作：不在您的辖区（${deps.regions.name(q.regionCode)}）`);
    }
    if (q.status !== 'open') throw new AppError('conflict', '这个问题已经有人处理过了');
    return q;
  }

  async function visibleDraft(actor: Actor, id: number): Promise<KnowledgeDraft> {
    const d = await store.getDraft(id);
    if (!d || !access.canSee(actor.staff, d.regionCode)) throw new AppError('not_found', '没有这个草稿');
    return d;
  }

  return {
    /** Open questions of the actor's region (or one region inside it), grouped by similarity. */
    async unanswered(actor: Actor, region?: string): Promise<QuestionGroup[]> {
      const filter = access.filterFor(actor.staff, region);
      const questions = await store.listQuestions({ ...filter, statuses: ['open'], limit: OPEN_LIMIT });
      return groupQuestions(questions, deps.build);
    },

    /** The question becomes a curated wording of an entry, live for the next driver. */
    async attach(actor: Actor, questionId: number, input: { entryId: string; text?: string }): Promise<Paraphrase> {
      const q = await openQuestion(actor, 'knowledge.attach', questionId);
      const parsed = paraphraseSchema.safeParse(input.text ?? q.text);
      if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? '问法无效', 'text');
      if (!deps.index.entry(input.entryId)) throw new AppError('bad_request', `没有条目 ${input.entryId}`, 'entryId');
      const paraphrase = await store.addParaphrase({
        entryId: input.entryId,
        text: parsed.data,
        questionId,
        addedBy: actor.staff.id,
        now: deps.clock(),
      });
      if (!paraphrase) throw new AppError('conflict', '这个条目已经有一模一样的问法');
      await store.resolveQuestion(questionId, 'attached', actor.staff.id, deps.clock());
      await audit(actor, 'knowledge.attach', { type: 'knowledge_question', id: String(questionId) }, q.regionCode, 'ok', {
        entryId: input.entryId,
        paraphraseId: paraphrase.id,
        text: parsed.data,
      });
      await deps.index.refresh(true);
      return paraphrase;
    },

    async dismiss(actor: Actor, questionId: number): Promise<void> {
      const q = await openQuestion(actor, 'knowledge.dismiss', questionId);
      await store.resolveQuestion(questionId, 'dismissed', actor.staff.id, deps.clock());
      await audit(actor, 'knowledge.dismiss', { type: 'knowledge_question', id: String(questionId) }, q.regionCode, 'ok');
    },

    /** A new entry for a supervisor to review; the questions it answers leave the open list. */
    async draft(actor: Actor, input: DraftInput): Promise<KnowledgeDraft> {
      const questions = [];
      for (const id of input.questionIds) questions.push(await openQuestion(actor, 'knowledge.draft', id));
      const entry = draftEntryOf({ ...input, questions: [...questions.map((q) => q.text), ...input.questions] });
      if (deps.index.entry(entry.id)) throw new AppError('conflict', `条目编号 ${entry.id} 已被占用，请换一个`);
      const draft = await store.createDraft({
        entry,
        questionIds: input.questionIds,
        regionCode: actor.staff.regionCode,
        createdBy: actor.staff.id,
        now: deps.clock(),
      });
      if (!draft) throw new AppError('conflict', `条目编号 ${entry.id} 已有草稿，请换一个`);
      for (const q of questions) await store.resolveQuestion(q.id, 'drafted', actor.staff.id, deps.clock());
      await audit(actor, 'knowledge.draft', { type: 'knowledge_draft', id: String(draft.id) }, draft.regionCode, 'ok', { entryId: entry.id });
      return draft;
    },

    /** Entries staff can attach questions to: the curated ones and those published here. */
    entries: () => deps.index.entries.map((e) => ({ id: e.id, title: e.title })),

    /** Open questions by id that the actor may act on (the draft form's group); others are left out. */
    async openQuestions(actor: Actor, ids: number[]): Promise<UnansweredQuestion[]> {
      const found = await Promise.all(ids.slice(0, 50).map((id) => store.getQuestion(id)));
      return found.filter((q): q is UnansweredQuestion => q !== undefined && q.status === 'open' && access.canSee(actor.staff, q.regionCode));
    },

    drafts: (actor: Actor) => store.listDrafts({ ...access.filterFor(actor.staff), statuses: ['draft', 'published', 'rejected'], limit: 100 }),
    getDraft: visibleDraft,

    /** The draft in the knowledge/entries file format, to commit as a reviewed file. */
    async markdown(actor: Actor, id: number): Promise<{ file: string; text: string }> {
      const d = await visibleDraft(actor, id);
      return { file: `${d.entry.id}.md`, text: entryMarkdown(entryOf(d.entry, (d.publishedAt ?? deps.clock()).toISOString().slice(0, 10))) };
    },

    async review(actor: Actor, id: number, decision: 'publish' | 'reject', note: string | null): Promise<KnowledgeDraft> {
      const action = decision === 'publish' ? 'knowledge.publish' : 'knowledge.reject';
      const target = { type: 'knowledge_draft', id: String(id) };
      const d = await visibleDraft(actor, id);
      if (!access.isSupervisor(actor.staff)) {
        await audit(actor, action, target, d.regionCode, 'denied', { reason: 'role' });
        throw new AppError('forbidden', '只有主管或管理员可以审核条目');
      }
      if (d.status !== 'draft') throw new AppError('conflict', '这个草稿已经审核过了');
      if (decision === 'publish') {
        const problems = publishProblems(d.entry, today(), new Set(deps.index.entries.map((e) => e.id)));
        if (problems.length > 0) {
          await audit(actor, action, target, d.regionCode, 'failed', { problems });
          throw new AppError('bad_request', problems.join('；'));
        }
      }
      const done = await store.reviewDraft(id, {
        status: decision === 'publish' ? 'published' : 'rejected',
        reviewedBy: actor.staff.id,
        note,
        now: deps.clock(),
      });
      if (!done) throw new AppError('conflict', '这个草稿已经审核过了');
      await audit(actor, action, target, d.regionCode, 'ok', { entryId: d.entry.id, ...(note ? { note } : {}) });
      if (decision === 'publish') await deps.index.refresh(true);
      return (await store.getDraft(id)) as KnowledgeDraft;
    },

    /** The last `weeks` seven-day windows, newest first: knowledge questions asked and those not found. */
    async weeklyNotFound(weeks = 4): Promise<NotFoundWindow[]> {
      const end = deps.clock().getTime();
      const out: NotFoundWindow[] = [];
      for (let w = 0; w < weeks; w++) out.push(await store.notFoundWindow(new Date(end - (w + 1) * WEEK_MS), new Date(end - w * WEEK_MS)));
      return out;
    },
  };
}
