// The 未答问题 pages (/staff/knowledge) and their JSON API (/staff/api/knowledge): grouped questions, attach, dismiss, drafts, review, Markdown export.
import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { readJson, validate } from '../../http/json-body.js';
import { draftInputSchema } from '../../knowledge/draft-entry.js';
import { PROVINCE_CODE } from '../../china/regions.js';
import { DraftDetail, DraftForm, DraftList, QuestionGroups } from './knowledge-views.js';
import { RegionSelect } from './pages.js';
import { actorOf, type StaffChannelDeps, type StaffEnv } from './session.js';

const numericId = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const attachSchema = z.object({ entryId: z.string().trim().min(1).max(100), text: z.string().max(2000).optional() });
const reviewSchema = z.object({ decision: z.enum(['publish', 'reject']), note: z.string().trim().max(2000).optional() });
const regionQuery = z.object({
  region: z
    .union([z.literal('unknown'), z.string().regex(/^\d{6}$/)])
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
const idList = z.union([z.array(z.number().int().positive()), z.string().max(2000)]).transform((v) =>
  Array.isArray(v)
    ? v
    : v
        .split(',')
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isSafeInteger(n) && n > 0),
);
/** The console form sends sources as lines "名称|条款" and question ids as "1,2,3"; API clients may send arrays. */
const draftRequestSchema = draftInputSchema.extend({
  questionIds: idList.pipe(z.array(z.number().int().positive()).max(50)).default([]),
  sourcesText: z.string().max(4000).optional(),
});

function sourcesFrom(text: string | undefined) {
  return (text ?? '')
    .split('\n')
    .map((line) => line.split(/[|｜]/).map((p) => p.trim()))
    .filter(([name]) => Boolean(name))
    .map(([name, article]) => ({ name: name as string, ...(article ? { article } : {}) }));
}

/** JSON actions, mounted under /staff/api/knowledge (the API's session and CSRF checks apply). */
export function knowledgeApi(api: Hono<StaffEnv>, runtime: StaffChannelDeps): void {
  const svc = runtime.staff.knowledge;
  api.get('/knowledge/questions', async (c) => {
    const { region } = validate(regionQuery, c.req.query());
    return c.json({ groups: await svc.unanswered(actorOf(c), region) });
  });
  api.post('/knowledge/questions/:id/attach', async (c) => {
    const { id } = validate(numericId, c.req.param());
    const body = await readJson(c, attachSchema);
    return c.json({ paraphrase: await svc.attach(actorOf(c), id, body) }, 201);
  });
  api.post('/knowledge/questions/:id/dismiss', async (c) => {
    const { id } = validate(numericId, c.req.param());
    await svc.dismiss(actorOf(c), id);
    return c.json({ ok: true });
  });
  api.post('/knowledge/drafts', async (c) => {
    const { sourcesText, ...body } = await readJson(c, draftRequestSchema);
    const sources = body.sources.length ? body.sources : sourcesFrom(sourcesText);
    return c.json({ draft: await svc.draft(actorOf(c), { ...body, sources }) }, 201);
  });
  api.post('/knowledge/drafts/:id/review', async (c) => {
    const { id } = validate(numericId, c.req.param());
    const body = await readJson(c, reviewSchema);
    return c.json({ draft: await svc.review(actorOf(c), id, body.decision, body.note || null) });
  });
  api.get('/knowledge/drafts/:id/markdown', async (c) => {
    const { id } = validate(numericId, c.req.param());
    const { file, text } = await svc.markdown(actorOf(c), id);
    return c.body(text, 200, { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': `attachment; filename="${file}"` });
  });
}

type Page = (title: string, active: string, handler: (c: Context<StaffEnv>) => Promise<Child>) => (c: Context<StaffEnv>) => Promise<Response>;

/** The pages, on the console's page app (its session check applies). */
export function knowledgePages(pages: Hono<StaffEnv>, runtime: StaffChannelDeps, page: Page): void {
  const { regions, access } = runtime.staff;
  const svc = runtime.staff.knowledge;
  const entryOptions = () => svc.entries().sort((a, b) => a.title.localeCompare(b.title, 'zh'));

  pages.get(
    '/knowledge',
    page('未答问题', 'knowledge', async (c) => {
      const { region } = validate(regionQuery, c.req.query());
      const staff = c.get('session').staff;
      const groups = await svc.unanswered(actorOf(c), region);
      return (
        <div>
          <h1>未答问题</h1>
          <p class="muted">
            司机问到答不上、答得没把握、说“不对”或点了👎的问题，按相似程度分组。归入条目后，下一位司机这样问就能答上；都答不了就写新条目，主管审核后发布。
          </p>
          <form class="filters" method="get">
            <RegionSelect
              options={regions.options().filter((o) => access.canSee(staff, o.code))}
              value={region}
              allowUnknown={access.scopeOf(staff) === PROVINCE_CODE}
            />
            <button type="submit">筛选</button>
            <a href="/staff/knowledge/drafts">新条目草稿</a>
          </form>
          <QuestionGroups groups={groups} entries={entryOptions()} regions={regions} />
        </div>
      );
    }),
  );

  pages.get(
    '/knowledge/drafts',
    page('新条目草稿', 'knowledge', async (c) => (
      <div>
        <h1>新条目草稿</h1>
        <DraftList drafts={await svc.drafts(actorOf(c))} />
      </div>
    )),
  );

  pages.get(
    '/knowledge/drafts/new',
    page('写新条目', 'knowledge', async (c) => {
      const { q } = validate(z.object({ q: idList.optional() }), c.req.query());
      const questions = await svc.openQuestions(actorOf(c), q ?? []);
      return (
        <div>
          <h1>写新条目</h1>
          <DraftForm questionIds={questions.map((x) => x.id)} questions={[]} />
          {questions.length ? (
            <div class="card">
              <h2>这组司机的问题（保存时自动作为问法）</h2>
              <ul>
                {questions.map((x) => (
                  <li>{x.text}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      );
    }),
  );

  pages.get(
    '/knowledge/drafts/:id',
    page('新条目草稿', 'knowledge', async (c) => {
      const { id } = validate(numericId, c.req.param());
      const draft = await svc.getDraft(actorOf(c), id);
      const { text } = await svc.markdown(actorOf(c), id);
      return <DraftDetail draft={draft} markdown={text} canReview={access.isSupervisor(c.get('session').staff)} />;
    }),
  );
}
