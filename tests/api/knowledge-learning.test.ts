// The learning loop through the app: unanswered and rejected questions and 👎 land on 未答问题, staff attach one (live for the next driver, audited), draft and publish an entry, region scoping, and the weekly not-found rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/knowledge/parse-entry.js';
import { REJECTION_REPLY } from '../../src/knowledge/answer-rejection.js';
import { addStaff, loggedIn, type Browserless } from '../support/staff-client.js';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';
import { testDriver } from '../support/test-db.js';

const GAP = '拉货途中轮胎爆了保险公司赔不赔';
const JINTANG_GAP = '我在金堂 挂车的年检周期是多久';

describe(`未答问题: the learning loop (${testDriver})`, () => {
  let t: TestRuntime;
  let admin: Browserless;
  let jintang: Browserless;
  let yantan: Browserless;
  let lead: Browserless;
  let n = 0;
  const ask = async (text: string, userId = `kl-${n++}`) => {
    const { status, body } = await t.chat({ userId, text, channel: 'web' });
    expect(status).toBe(200);
    return body as { intent: string; replies: Array<{ text: string; citations?: Array<{ id: string }> }> };
  };
  const openQuestions = async (client: Browserless) => {
    const { status, body } = await client.api('GET', '/knowledge/questions');
    expect(status).toBe(200);
    return (
      body.groups as Array<{
        questions: Array<{ id: number; text: string; reason: string; entryId: string | null; regionCode: string | null }>;
        suggested: string[];
      }>
    ).flatMap((g) => g.questions);
  };
  const questionId = async (client: Browserless, text: string) => (await openQuestions(client)).find((q) => q.text === text)?.id as number;

  beforeAll(async () => {
    t = await createTestRuntime();
    await addStaff(t.runtime, 'kl-admin', 'admin', null, '省管理员');
    await addStaff(t.runtime, 'kl-jintang', 'agent', '510121', '金堂坐席');
    await addStaff(t.runtime, 'kl-yantan', 'agent', '510311', '沿滩坐席');
    await addStaff(t.runtime, 'kl-lead', 'supervisor', '510000', '省主管');
    admin = await loggedIn(t.app, 'kl-admin');
    jintang = await loggedIn(t.app, 'kl-jintang');
    yantan = await loggedIn(t.app, 'kl-yantan');
    lead = await loggedIn(t.app, 'kl-lead');
  });
  afterAll(async () => t.close());

  it('records a not-found question once, with its near candidates, and shows it on the page', async () => {
    expect((await ask(GAP)).intent).toBe('unknown');
    const q = (await openQuestions(admin)).filter((x) => x.text === GAP);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ reason: 'not_found', regionCode: null });
    const page = await admin.request('/staff/knowledge');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('未答问题');
    expect(html).toContain(GAP);
  });

  it('never records an off-topic message or a confident answer', async () => {
    await ask('回锅肉怎么做才好吃');
    await ask('劳动仲裁收费吗');
    const texts = (await openQuestions(admin)).map((q) => q.text);
    expect(texts).not.toContain('回锅肉怎么做才好吃');
    expect(texts).not.toContain('劳动仲裁收费吗');
  });

  it('attaching a question makes it a paraphrase: the next driver is answered without a restart, and it is audited', async () => {
    const id = await questionId(admin, GAP);
    const empty = await admin.api('POST', `/knowledge/questions/${id}/attach`, { entryId: 'car-insurance-hard-to-buy', text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('问法不能为空');
    const long = await admin.api('POST', `/knowledge/questions/${id}/attach`, { entryId: 'car-insurance-hard-to-buy', text: '轮'.repeat(201) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain('不能超过 200 个字');
    const attached = await admin.api('POST', `/knowledge/questions/${id}/attach`, { entryId: 'car-insurance-hard-to-buy' });
    expect(attached.status).toBe(201);
    const again = await ask(GAP);
    expect(again.intent).toBe('faq');
    expect(again.replies[0]?.citations?.[0]?.id).toBe('car-insurance-hard-to-buy');
    expect((await openQuestions(admin)).map((q) => q.text)).not.toContain(GAP);
    const audit = await lead.api('GET', '/audit');
    expect(audit.body.entries.find((e: { action: string }) => e.action === 'knowledge.attach')).toMatchObject({
      username: 'kl-admin',
      targetId: String(id),
      outcome: 'ok',
    });
    const twice = await admin.api('POST', `/knowledge/questions/${id}/attach`, { entryId: 'car-insurance-hard-to-buy' });
    expect(twice.status).toBe(409);
  });

  it('a driver saying 不对 after an answer gets an apology, and the answered question is recorded as rejected', async () => {
    const driver = `kl-reject-${n++}`;
    const first = await ask('疲劳驾驶扣几分', driver);
    const entry = first.replies[0]?.citations?.[0]?.id;
    expect(entry).toBeTruthy();
    const reply = await ask('不对', driver);
    expect(reply.replies[0]?.text).toBe(REJECTION_REPLY);
    const rejected = (await openQuestions(admin)).find((q) => q.reason === 'rejected' && q.text === '疲劳驾驶扣几分');
    expect(rejected).toMatchObject({ entryId: entry });
    expect((await openQuestions(admin)).map((q) => q.text)).not.toContain('不对');
  });

  it('a 👎 on the web page records the driver\u2019s own question once; another driver cannot name it', async () => {
    const res = await t.app.request('/web/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: '超载了怎么罚', messageId: 'm-1' }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const feedback = (body: unknown, withCookie?: string) =>
      t.app.request('/web/feedback', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(withCookie ? { cookie: withCookie } : {}) },
        body: JSON.stringify(body),
      });
    expect((await feedback({ messageId: 'm-1' }, cookie)).status).toBe(200);
    expect((await feedback({ messageId: 'm-1' }, cookie)).status).toBe(200);
    expect((await feedback({ messageId: 'm-1' })).status).toBe(404);
    expect((await feedback({ messageId: 'never-sent' }, cookie)).status).toBe(404);
    expect((await feedback({ messageId: '' }, cookie)).status).toBe(400);
    const down = (await openQuestions(admin)).filter((q) => q.reason === 'thumbs_down');
    expect(down.map((q) => q.text)).toEqual(['超载了怎么罚']);
  });

  it('scopes questions to the region the driver named: the county agent sees it, another county neither sees nor acts on it', async () => {
    await ask(JINTANG_GAP);
    const id = await questionId(jintang, JINTANG_GAP);
    expect(id).toBeGreaterThan(0);
    expect(await questionId(yantan, JINTANG_GAP)).toBeUndefined();
    expect((await yantan.api('POST', `/knowledge/questions/${id}/dismiss`)).status).toBe(403);
    expect((await jintang.api('POST', `/knowledge/questions/${id}/dismiss`)).status).toBe(200);
  });

  it('a drafted entry is refused without sources, cannot be published by an agent, and once published answers the next driver', async () => {
    await ask('挂车的年检周期是多久');
    const id = await questionId(admin, '挂车的年检周期是多久');
    const draft = {
      id: 'trailer-inspection-cycle',
      title: '挂车多久年检一次',
      category: 'general',
      questions: '挂车多久年检一次\n半挂车年审周期\n挂车要不要每年检验',
      answer: '挂车按《机动车安全技术检验项目和方法》的周期检验，具体以车管所通知为准。',
      speech: '挂车按规定周期检验，具体以车管所通知为准。',
      questionIds: String(id),
    };
    // The question came from no known region: a county agent cannot draft from it, but may draft on their own.
    expect((await jintang.api('POST', '/knowledge/drafts', draft)).status).toBe(403);
    const created = await jintang.api('POST', '/knowledge/drafts', { ...draft, questionIds: '' });
    expect(created.status).toBe(201);
    const draftId = created.body.draft.id as number;
    expect((await jintang.api('POST', `/knowledge/drafts/${draftId}/review`, { decision: 'publish' })).status).toBe(403);
    const noSources = await admin.api('POST', `/knowledge/drafts/${draftId}/review`, { decision: 'publish' });
    expect(noSources.status).toBe(400);
    expect(noSources.body.error.message).toContain('没有来源的条目不能发布');
    expect((await ask('挂车多久年检一次')).intent).toBe('unknown');

    const sourced = await admin.api('POST', '/knowledge/drafts', {
      ...draft,
      id: 'trailer-inspection-cycle-2',
      sourcesText: '机动车安全技术检验项目和方法|GB 38900',
    });
    expect(sourced.status).toBe(201);
    const sourcedId = sourced.body.draft.id as number;
    const markdown = await admin.request(`/staff/api/knowledge/drafts/${sourcedId}/markdown`);
    expect(parseEntry('trailer-inspection-cycle-2.md', await markdown.text())).toMatchObject({
      id: 'trailer-inspection-cycle-2',
      sources: [{ name: '机动车安全技术检验项目和方法', article: 'GB 38900' }],
    });
    const published = await lead.api('POST', `/knowledge/drafts/${sourcedId}/review`, { decision: 'publish', note: '可以' });
    expect(published.status).toBe(200);
    expect(published.body.draft.status).toBe('published');
    const answered = await ask('挂车多久年检一次');
    expect(answered.intent).toBe('faq');
    expect(answered.replies[0]?.citations?.[0]?.id).toBe('trailer-inspection-cycle-2');
    expect(await questionId(admin, '挂车的年检周期是多久')).toBeUndefined();
    const page = await lead.request(`/staff/knowledge/drafts/${sourcedId}`);
    expect(await page.text()).toContain('已发布');
  });

  it('shows the weekly not-found rate on the dashboard', async () => {
    const weeks = await t.runtime.staff.knowledge.weeklyNotFound();
    expect(weeks[0]?.notFound).toBeGreaterThanOrEqual(3);
    expect(weeks[0]?.asked).toBeGreaterThan(weeks[0]?.notFound as number);
    const html = await (await admin.request('/staff/dashboard')).text();
    expect(html).toContain('知识库未答率');
    expect(html).toContain(`${((100 * (weeks[0]?.notFound as number)) / (weeks[0]?.asked as number)).toFixed(1)}%`);
  });
});
