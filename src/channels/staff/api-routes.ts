// The staff console's JSON API (/staff/api): queue, conversations, replies, notes, cases, canned replies, audit, dashboard, unanswered questions.
import { Hono } from 'hono';
import { jsonBodyLimit, readJson, validate } from '../../http/json-body.js';
import {
  afterQuery,
  callbackSchema,
  cannedSchema,
  caseIdParam,
  caseQuery,
  caseStatusSchema,
  dashboardQuery,
  idParam,
  noteSchema,
  queueQuery,
  replySchema,
  statusesOf,
} from './api-schema.js';
import { actorOf, requireSession, type StaffChannelDeps, type StaffEnv } from './session.js';
import { streamRoutes } from './stream-routes.js';
import { knowledgeApi } from './knowledge-routes.js';

export function staffApiRoutes(runtime: StaffChannelDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const svc = runtime.staff.console;
  app.use('*', requireSession(runtime, 'api'));
  app.use('*', jsonBodyLimit());

  app.get('/me', (c) => {
    const s = c.get('session');
    return c.json({
      staff: s.staff,
      regionName: runtime.staff.regions.name(runtime.staff.access.scopeOf(s.staff)),
      csrfToken: s.csrfToken,
      expiresAt: s.expiresAt.toISOString(),
    });
  });

  app.get('/queue', async (c) => {
    const q = validate(queueQuery, c.req.query());
    const items = await svc.queue(actorOf(c), { statuses: [...statusesOf(q.status)], region: q.region, overdue: q.overdue });
    return c.json({ handoffs: items });
  });

  app.get('/conversations/:id', async (c) => {
    const { id } = validate(idParam, c.req.param());
    const view = await svc.conversation(actorOf(c), id);
    return c.json({
      conversation: { id: view.conversation.id, channel: view.conversation.channel, mode: view.conversation.mode, regionCode: view.regionCode },
      handoff: view.open ?? view.handoff ?? null,
      transcript: view.transcript,
      notes: view.notes,
    });
  });
  app.get('/conversations/:id/messages', async (c) => {
    const { id } = validate(idParam, c.req.param());
    const { after } = validate(afterQuery, c.req.query());
    return c.json({ messages: await svc.transcriptSince(actorOf(c), id, after) });
  });
  app.post('/conversations/:id/pickup', async (c) => {
    const { id } = validate(idParam, c.req.param());
    return c.json({ handoff: await svc.pickUp(actorOf(c), id) });
  });
  app.post('/handoffs/:id/claim', async (c) => {
    const { id } = validate(idParam, c.req.param());
    return c.json({ handoff: await svc.claim(actorOf(c), id) });
  });
  app.post('/conversations/:id/reply', async (c) => {
    const { id } = validate(idParam, c.req.param());
    const body = await readJson(c, replySchema);
    // `claimed`: this reply claimed the handoff for the sender (replying claims; the console says so before sending).
    const { message, claimed } = await svc.reply(actorOf(c), id, body.text);
    return c.json({ message, claimed });
  });
  app.post('/conversations/:id/handback', async (c) => {
    const { id } = validate(idParam, c.req.param());
    return c.json({ handoff: await svc.handBack(actorOf(c), id) });
  });
  app.post('/conversations/:id/notes', async (c) => {
    const { id } = validate(idParam, c.req.param());
    const body = await readJson(c, noteSchema);
    return c.json({ note: await svc.addNote(actorOf(c), id, body.text) });
  });

  app.get('/cases', async (c) => {
    const q = validate(caseQuery, c.req.query());
    return c.json({ connected: svc.casesConnected(), cases: await svc.listCases(actorOf(c), q) });
  });
  app.get('/cases/:id', async (c) => {
    const { id } = validate(caseIdParam, c.req.param());
    return c.json({ case: await svc.getCase(actorOf(c), id) });
  });
  app.post('/cases/:id/status', async (c) => {
    const { id } = validate(caseIdParam, c.req.param());
    const body = await readJson(c, caseStatusSchema);
    return c.json({ case: await svc.changeCaseStatus(actorOf(c), id, body.status, body.note || undefined) });
  });
  app.post('/cases/:id/notes', async (c) => {
    const { id } = validate(caseIdParam, c.req.param());
    const body = await readJson(c, noteSchema);
    return c.json({ case: await svc.addCaseNote(actorOf(c), id, body.text) });
  });
  app.post('/cases/:id/callback', async (c) => {
    const { id } = validate(caseIdParam, c.req.param());
    const body = await readJson(c, callbackSchema);
    return c.json({ case: await svc.recordCallback(actorOf(c), id, body) });
  });

  app.get('/canned', async (c) => c.json({ canned: await svc.listCanned() }));
  app.post('/canned', async (c) => {
    const body = await readJson(c, cannedSchema);
    return c.json({ canned: await svc.addCanned(actorOf(c), body) }, 201);
  });
  app.delete('/canned/:id', async (c) => {
    const { id } = validate(idParam, c.req.param());
    await svc.deleteCanned(actorOf(c), id);
    return c.json({ ok: true });
  });

  app.get('/audit', async (c) => c.json({ entries: await svc.auditLog(actorOf(c)) }));

  app.get('/dashboard', async (c) => {
    const q = validate(dashboardQuery, c.req.query());
    const to = runtime.staff.clock();
    const from = new Date(to.getTime() - q.days * 86_400_000);
    return c.json(await svc.dashboard(actorOf(c), { from, to, region: q.region }));
  });

  knowledgeApi(app, runtime);
  app.route('/', streamRoutes(runtime));
  return app;
}
