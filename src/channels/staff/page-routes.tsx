// The console's pages (/staff): login and logout, inbox, conversations, cases, dashboard, canned replies, audit log (and the 未答问题 pages of knowledge-routes.tsx).
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { deleteCookie, getSignedCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { validate } from '../../http/json-body.js';
import { keepAlive } from '../../http/keep-alive.js';
import { hasDigest } from '../../handoff/digest.js';
import { chinaDateKey } from '../../china/china-time.js';
import { PROVINCE_CODE } from '../../china/regions.js';
import { staffApiRoutes } from './api-routes.js';
import { caseIdParam, caseQuery, dashboardQuery, idParam, queueQuery, statusesOf } from './api-schema.js';
import { CaseDetailView, DashboardView, NotConnected } from './case-pages.js';
import { staffAssetRoutes } from './asset-routes.js';
import { knowledgePages } from './knowledge-routes.js';
import { WeeklyNotFound } from './knowledge-views.js';
import { Layout } from './layout.js';
import { STATUS_LABELS } from './labels.js';
import { ConversationList, ConversationPanel, Notes, ReplyBox, replyMode, Transcript } from './conversation-views.js';
import { AuditTable, CannedPage, CaseTable, LoginForm, QueueTable, RegionSelect } from './pages.js';
import {
  LOGIN_COOKIE,
  actorOf,
  clientIp,
  endSession,
  loginFormToken,
  requireSession,
  sameToken,
  startSession,
  type StaffChannelDeps,
  type StaffEnv,
} from './session.js';

const loginForm = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  _csrf: z.string().max(100).default(''),
  next: z.string().max(500).default('/staff'),
});

/** Only same-site console paths, so the login form cannot be used as an open redirect. */
const safeNext = (next: string) => (/^\/staff(\/[\w\-/?=&%.]*)?$/.test(next) && !next.startsWith('//') ? next : '/staff');

const STAFF_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

export function staffRoutes(runtime: StaffChannelDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const { regions, access, console: svc } = runtime.staff;
  const escalateMinutes = runtime.config.handoff.escalateMinutes;

  // Forms from other origins are refused before anything else (the session token is checked as well).
  app.use('*', csrf());
  app.use('*', async (c, next) => {
    await next();
    c.header('x-frame-options', 'DENY');
    // Inline styles only (the layout's <style> and style attributes); scripts come from /staff/assets alone.
    c.header('content-security-policy', STAFF_CSP);
    if (runtime.config.staff.secureCookies) c.header('strict-transport-security', 'max-age=31536000');
    c.header('referrer-policy', 'same-origin');
    c.header('x-content-type-options', 'nosniff');
  });

  app.route('/assets', staffAssetRoutes(runtime));

  app.get('/login', async (c) => {
    const token = await loginFormToken(c, runtime);
    const next = safeNext(c.req.query('next') ?? '/staff');
    return c.html(
      <Layout title="登录">
        <LoginForm token={token} next={next} expired={c.req.query('expired') === '1'} />
      </Layout>,
    );
  });

  app.post('/login', async (c) => {
    const form = validate(loginForm, await c.req.parseBody());
    const expected = await getSignedCookie(c, runtime.cookieSecret, LOGIN_COOKIE);
    const retry = async (error: string, status: 400 | 401 | 403 | 429) => {
      const token = await loginFormToken(c, runtime);
      return c.html(
        <Layout title="登录">
          <LoginForm token={token} next={safeNext(form.next)} error={error} username={form.username} />
        </Layout>,
        status,
      );
    };
    if (!expected || !sameToken(form._csrf, expected)) return retry('登录表单已过期，请重新输入。', 403);
    try {
      const { token } = await runtime.staff.auth.login(form.username, form.password, clientIp(c));
      deleteCookie(c, LOGIN_COOKIE, { path: '/staff' });
      await startSession(c, runtime, token);
      return c.redirect(safeNext(form.next), 303);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'unauthorized' || err.code === 'rate_limited')) {
        return retry(err.message, err.code === 'rate_limited' ? 429 : 401);
      }
      throw err;
    }
  });

  app.route('/api', staffApiRoutes(runtime));

  const pages = new Hono<StaffEnv>();
  pages.use('*', requireSession(runtime, 'page'));

  pages.post('/logout', async (c) => {
    await runtime.staff.auth.logout(c.get('session'), c.get('ip'));
    endSession(c, runtime);
    return c.redirect('/staff/login', 303);
  });

  const render = (c: Context<StaffEnv>, title: string, active: string, body: Child, status: 200 | 403 | 404 | 409 | 503 = 200) => {
    const s = c.get('session');
    return c.html(
      <Layout title={title} active={active} staff={s.staff} csrfToken={s.csrfToken} regionName={regions.name(access.scopeOf(s.staff))}>
        {body}
      </Layout>,
      status,
    );
  };
  /** Page handlers show refusals and missing items as a page, not as JSON. */
  const page = (title: string, active: string, handler: (c: Context<StaffEnv>) => Promise<Child>) => async (c: Context<StaffEnv>) => {
    try {
      return render(c, title, active, await handler(c));
    } catch (err) {
      if (err instanceof AppError && (err.status === 403 || err.status === 404 || err.status === 409 || err.status === 503 || err.status === 400)) {
        return render(
          c,
          title,
          active,
          <p class="error" role="alert">
            {err.message}
          </p>,
          err.status === 400 ? 404 : err.status,
        );
      }
      throw err;
    }
  };

  const queueFilters = (c: Context<StaffEnv>) => validate(queueQuery, c.req.query());
  const queueTable = async (c: Context<StaffEnv>) => {
    const q = queueFilters(c);
    const items = await svc.queue(actorOf(c), { statuses: [...statusesOf(q.status)], region: q.region, overdue: q.overdue });
    return <QueueTable items={items} regions={regions} now={runtime.staff.clock()} escalateMinutes={escalateMinutes} />;
  };
  const isProvince = (c: Context<StaffEnv>) => access.scopeOf(c.get('session').staff) === PROVINCE_CODE;
  const regionOptions = (c: Context<StaffEnv>) => regions.options().filter((o) => access.canSee(c.get('session').staff, o.code));

  pages.get('/partials/queue', async (c) => c.html(await queueTable(c)));

  pages.get(
    '/',
    page('待办', 'inbox', async (c) => {
      const q = queueFilters(c);
      const cq = validate(caseQuery, c.req.query());
      const options = svc.caseOptions();
      const cases = await svc.listCases(actorOf(c), { ...cq, status: cq.status || undefined, category: cq.category || undefined });
      const label = (v: string) => options.statuses.find((s) => s.value === v)?.label ?? v;
      const cat = (v: string) => options.categories.find((s) => s.value === v)?.label ?? v;
      return (
        <div>
          <h1>待办</h1>
          <form class="filters" method="get">
            <select name="status" aria-label="转人工状态">
              {(['open', 'waiting', 'active', 'returned', 'cancelled', 'all'] as const).map((s) => (
                <option value={s} selected={q.status === s}>
                  {s === 'open' ? '进行中' : s === 'all' ? '全部' : STATUS_LABELS[s]}
                </option>
              ))}
            </select>
            <RegionSelect options={regionOptions(c)} value={q.region} allowUnknown={isProvince(c)} />
            <label>
              <input type="checkbox" name="overdue" value="1" checked={q.overdue} /> 只看超时
            </label>
            <button type="submit">筛选</button>
          </form>
          <h2>转人工对话</h2>
          <div id="queue" data-live={`/staff/partials/queue${new URL(c.req.url).search}`}>
            {await queueTable(c)}
          </div>
          <h2>诉求</h2>
          {svc.casesConnected() ? (
            <CaseTable items={cases} regions={regions} statusLabel={label} categoryLabel={cat} now={runtime.staff.clock()} />
          ) : (
            <NotConnected reason={runtimeReason(runtime)} />
          )}
        </div>
      );
    }),
  );

  pages.get(
    '/conversations',
    page('对话', 'conversations', async (c) => (
      <div>
        <h1>最近对话</h1>
        <ConversationList rows={await svc.recentConversations(actorOf(c))} regions={regions} />
      </div>
    )),
  );

  const panel = async (c: Context<StaffEnv>, id: string) => {
    const view = await svc.conversation(actorOf(c), id);
    const staff = c.get('session').staff;
    const statuses = svc.caseOptions().statuses;
    const node = (
      <ConversationPanel
        conversation={view.conversation}
        handoff={view.handoff}
        open={view.open}
        staffId={staff.id}
        regions={regions}
        canTakeOver={access.isSupervisor(staff)}
        driverCases={view.driverCases}
        caseStatusLabel={(v) => statuses.find((s) => s.value === v)?.label ?? v}
        casesConnected={svc.casesConnected()}
      />
    );
    return { view, node };
  };
  pages.get('/partials/conversations/:id/panel', async (c) => {
    const { id } = validate(idParam, c.req.param());
    return c.html((await panel(c, id)).node);
  });

  pages.get(
    '/conversations/:id',
    page('对话', 'conversations', async (c) => {
      const { id } = validate(idParam, c.req.param());
      const { view, node } = await panel(c, id);
      // The model's digest comes after the page: the panel refreshes from the stream once it is stored.
      if (view.open && !hasDigest(view.open.summary)) {
        keepAlive(
          c,
          svc
            .digest(actorOf(c), id)
            .catch((err: unknown) => runtime.log.warn('handoff digest failed', { error: err instanceof Error ? err.message : String(err) })),
        );
      }
      const canned = await svc.listCanned();
      return (
        <div class="grid convo">
          <div>
            <h1>对话</h1>
            <Transcript conversationId={id} messages={view.transcript} />
            <div class="card reply-card">
              <ReplyBox
                conversationId={id}
                canned={canned}
                reply={replyMode(
                  view.open,
                  view.conversation.mode === 'human',
                  c.get('session').staff.id,
                  access.isSupervisor(c.get('session').staff),
                )}
              />
            </div>
          </div>
          <div>
            <div id="panel">{node}</div>
            <Notes conversationId={id} notes={view.notes} />
          </div>
        </div>
      );
    }),
  );

  pages.get(
    '/cases',
    page('诉求', 'cases', async (c) => {
      if (!svc.casesConnected()) return <NotConnected reason={runtimeReason(runtime)} />;
      const q = validate(caseQuery, c.req.query());
      const options = svc.caseOptions();
      const items = await svc.listCases(actorOf(c), { ...q, status: q.status || undefined, category: q.category || undefined });
      return (
        <div>
          <h1>诉求</h1>
          <form class="filters" method="get">
            <select name="status" aria-label="状态">
              <option value="">全部状态</option>
              {options.statuses.map((s) => (
                <option value={s.value} selected={q.status === s.value}>
                  {s.label}
                </option>
              ))}
            </select>
            <select name="category" aria-label="类别">
              <option value="">全部类别</option>
              {options.categories.map((s) => (
                <option value={s.value} selected={q.category === s.value}>
                  {s.label}
                </option>
              ))}
            </select>
            <RegionSelect options={regionOptions(c)} value={q.region} allowUnknown={isProvince(c)} />
            <label>
              <input type="checkbox" name="overdue" value="1" checked={q.overdue} /> 只看逾期
            </label>
            <button type="submit">筛选</button>
          </form>
          <CaseTable
            items={items}
            regions={regions}
            statusLabel={(v) => options.statuses.find((s) => s.value === v)?.label ?? v}
            categoryLabel={(v) => options.categories.find((s) => s.value === v)?.label ?? v}
            now={runtime.staff.clock()}
          />
        </div>
      );
    }),
  );

  pages.get(
    '/cases/:id',
    page('诉求', 'cases', async (c) => {
      if (!svc.casesConnected()) return <NotConnected reason={runtimeReason(runtime)} />;
      const { id } = validate(caseIdParam, c.req.param());
      const item = await svc.getCase(actorOf(c), id);
      const options = svc.caseOptions();
      return (
        <CaseDetailView
          item={item}
          statuses={options.statuses}
          regions={regions}
          label={(v) => options.statuses.find((s) => s.value === v)?.label ?? v}
          categoryLabel={(v) => options.categories.find((s) => s.value === v)?.label ?? v}
        />
      );
    }),
  );

  pages.get(
    '/dashboard',
    page('统计', 'dashboard', async (c) => {
      const q = validate(dashboardQuery, c.req.query());
      const to = runtime.staff.clock();
      const figures = await svc.dashboard(actorOf(c), { from: new Date(to.getTime() - q.days * 86_400_000), to, region: q.region });
      return (
        <div>
          <h1>统计</h1>
          <form class="filters" method="get">
            <select name="days" aria-label="时间范围">
              {[7, 30, 90, 365].map((d) => (
                <option value={String(d)} selected={q.days === d}>
                  近 {d} 天
                </option>
              ))}
            </select>
            <RegionSelect options={regionOptions(c)} value={q.region} allowUnknown={isProvince(c)} />
            <button type="submit">查看</button>
          </form>
          <WeeklyNotFound weeks={await runtime.staff.knowledge.weeklyNotFound()} />
          <DashboardView
            days={q.days}
            dayKeys={Array.from({ length: q.days }, (_, i) => chinaDateKey(new Date(to.getTime() - (q.days - 1 - i) * 86_400_000)))}
            handoffs={figures.handoffs}
            cases={figures.cases}
            casesReason={runtimeReason(runtime)}
            regions={regions}
            statuses={svc.caseOptions().statuses}
          />
        </div>
      );
    }),
  );

  pages.get(
    '/canned',
    page('快捷回复', 'canned', async (c) => <CannedPage canned={await svc.listCanned()} canManage={access.isSupervisor(c.get('session').staff)} />),
  );

  pages.get(
    '/audit',
    page('审计日志', 'audit', async (c) => (
      <div>
        <h1>审计日志</h1>
        <AuditTable entries={await svc.auditLog(actorOf(c))} regions={regions} />
      </div>
    )),
  );

  knowledgePages(pages, runtime, page);

  app.route('/', pages);
  return app;
}

function runtimeReason(runtime: StaffChannelDeps): string {
  return runtime.staff.casesReason;
}
