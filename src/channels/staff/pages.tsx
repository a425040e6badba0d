// Server-rendered console pages: login, region choice, inbox, the case ledger, canned replies, audit log.
import type { Handoff } from '../../handoff/types.js';
import { DIGEST_PREFIX } from '../../handoff/digest.js';
import { REASON_LABELS } from '../../handoff/summary.js';
import type { RegionDirectory, RegionOption } from '../../china/regions.js';
import type { AuditRecord, CannedReply } from '../../staff/types.js';
import type { StaffCaseSummary } from '../../staff/case-port.js';
import { problemLine } from './handoff-problem.js';
import { ACTION_LABELS, OUTCOME_LABELS, STATUS_LABELS, formatTime, waitedMinutes } from './labels.js';

export function LoginForm(props: { token: string; next: string; error?: string; expired?: boolean; username?: string }) {
  return (
    <div class="card" style="max-width:380px;margin:2rem auto">
      <h1>工作人员登录</h1>
      {props.expired ? <p class="notice">登录已过期，请重新登录。</p> : null}
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/staff/login">
        <input type="hidden" name="_csrf" value={props.token} />
        <input type="hidden" name="next" value={props.next} />
        <p>
          <label>
            用户名
            <br />
            <input name="username" autocomplete="username" required value={props.username ?? ''} />
          </label>
        </p>
        <p>
          <label>
            密码
            <br />
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
        </p>
        <button class="primary" type="submit">
          登录
        </button>
      </form>
    </div>
  );
}

export function RegionSelect(props: { options: RegionOption[]; value?: string; allowUnknown: boolean }) {
  return (
    <select name="region" aria-label="地区">
      <option value="">全部辖区</option>
      {props.allowUnknown ? (
        <option value="unknown" selected={props.value === 'unknown'}>
          地区未知（省级）
        </option>
      ) : null}
      {props.options.map((o) => (
        <option value={o.code} selected={props.value === o.code}>
          {o.kind === 'county' ? '　' : ''}
          {o.name}
        </option>
      ))}
    </select>
  );
}

/** The queue's line: the driver's problem and the model's digest when there is one; older handoffs show their summary's words. */
function queueSummary(h: Handoff): string {
  const lines = h.summary.split('\n');
  const problem = problemLine(h.problem);
  if (problem) return [problem, ...lines.filter((l) => l.startsWith(DIGEST_PREFIX))].join('\n');
  return lines.filter((l) => l.startsWith('司机说') || l.startsWith('摘要') || l.startsWith(DIGEST_PREFIX)).join('\n') || (lines[0] ?? '');
}

export function QueueTable(props: { items: Handoff[]; regions: RegionDirectory; now: Date; escalateMinutes: number }) {
  if (!props.items.length) return <p class="muted">没有符合条件的转人工对话。</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>状态</th>
          <th>地区</th>
          <th class="opt">原因</th>
          <th>摘要</th>
          <th>等待</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((h) => {
          const overdue = h.status === 'waiting' && props.now.getTime() - h.createdAt.getTime() > props.escalateMinutes * 60_000;
          return (
            <tr data-handoff={h.id}>
              <td>
                <span class={`tag ${h.status}`}>{STATUS_LABELS[h.status]}</span>
                {overdue ? <span class="tag bad">超时</span> : null}
                {h.escalatedTo ? <div class="muted">已升级至{props.regions.name(h.escalatedTo)}</div> : null}
                {h.claimedByName ? <div class="muted">{h.claimedByName}</div> : null}
              </td>
              <td>{props.regions.name(h.regionCode)}</td>
              <td class="opt">{REASON_LABELS[h.reason]}</td>
              <td class="summary">{queueSummary(h)}</td>
              <td>{h.status === 'waiting' ? waitedMinutes(h.createdAt, props.now) : formatTime(h.createdAt)}</td>
              <td>
                <div class="actions">
                  {h.status === 'waiting' ? (
                    <button class="primary" data-post={`/staff/api/handoffs/${h.id}/claim`} data-go={`/staff/conversations/${h.conversationId}`}>
                      接手
                    </button>
                  ) : null}
                  <a class="btn" href={`/staff/conversations/${h.conversationId}`}>
                    查看
                  </a>
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A deadline this close is due soon: the row is coloured before it is late. */
const DUE_SOON_MS = 24 * 3600_000;

/** 3天4小时, 5小时, 20分钟: the time to or past a deadline, coarse enough to read at a glance. */
export function timeSpan(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days}天${hours ? `${hours}小时` : ''}`;
  if (hours > 0) return `${hours}小时`;
  return `${minutes}分钟`;
}

function dueClass(c: StaffCaseSummary, now: Date): string | undefined {
  if (!c.dueAt) return undefined;
  if (c.overdue) return 'overdue';
  return c.dueAt.getTime() - now.getTime() < DUE_SOON_MS ? 'due-soon' : undefined;
}

export function CaseTable(props: {
  items: StaffCaseSummary[];
  regions: RegionDirectory;
  statusLabel: (s: string) => string;
  categoryLabel: (s: string) => string;
  now: Date;
}) {
  if (!props.items.length) return <p class="muted">没有符合条件的诉求。</p>;
  // Sorted by the next deadline (the query's order); on a phone each row becomes a card with its deadline kept (data-label).
  return (
    <table class="ledger">
      <thead>
        <tr>
          <th>编号</th>
          <th>状态</th>
          <th class="opt">类别</th>
          <th>地区</th>
          <th>事项</th>
          <th>期限</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((c) => (
          <tr class={dueClass(c, props.now)}>
            <td class="case-id">
              <a href={`/staff/cases/${encodeURIComponent(c.id)}`}>{c.id}</a>
              {c.urgent ? <span class="tag bad">紧急</span> : null}
            </td>
            <td data-label="状态">{props.statusLabel(c.status)}</td>
            <td class="opt">{props.categoryLabel(c.category)}</td>
            <td data-label="地区">{props.regions.name(c.regionCode)}</td>
            <td data-label="事项">{c.title}</td>
            <td data-label="期限" class="due">
              {c.dueAt ? (
                <>
                  {c.milestone ? <strong>{c.milestone}</strong> : null} {formatTime(c.dueAt)}
                  <br />
                  {c.overdue ? (
                    <span class="tag bad">已逾期{timeSpan(props.now.getTime() - c.dueAt.getTime())}</span>
                  ) : (
                    <span class={`tag ${dueClass(c, props.now) ? 'soon' : ''}`}>剩{timeSpan(c.dueAt.getTime() - props.now.getTime())}</span>
                  )}
                </>
              ) : (
                <span class="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CannedPage(props: { canned: CannedReply[]; canManage: boolean }) {
  return (
    <div>
      <h1>快捷回复</h1>
      <table>
        <thead>
          <tr>
            <th>标题</th>
            <th>内容</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {props.canned.map((c) => (
            <tr>
              <td>{c.title}</td>
              <td class="summary">{c.text}</td>
              <td>
                {props.canManage && !c.id.startsWith('default-') ? (
                  <button data-delete={`/staff/api/canned/${c.id}`} data-confirm="删除这条快捷回复？">
                    删除
                  </button>
                ) : c.id.startsWith('default-') ? (
                  <span class="muted">内置（添加自己的后不再显示）</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.canned.length ? null : <p class="muted">还没有快捷回复。</p>}
      {props.canManage ? (
        <form class="card" data-api="/staff/api/canned" data-then="reload">
          <h2>新增</h2>
          <p>
            <input name="title" maxlength={40} required placeholder="标题，如：欠薪仲裁指引" />
          </p>
          <textarea name="text" aria-label="快捷回复内容" maxlength={2000} required placeholder="回复内容"></textarea>
          <p class="form-error error" role="alert"></p>
          <button class="primary" type="submit">
            保存
          </button>
        </form>
      ) : (
        <p class="muted">快捷回复由主管维护。</p>
      )}
    </div>
  );
}

export function AuditTable(props: { entries: AuditRecord[]; regions: RegionDirectory }) {
  return (
    <table>
      <thead>
        <tr>
          <th>时间</th>
          <th>人员</th>
          <th>操作</th>
          <th>结果</th>
          <th class="opt">对象</th>
          <th class="opt">地区</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => (
          <tr>
            <td>{formatTime(e.createdAt)}</td>
            <td>{e.username ?? '—'}</td>
            <td>{ACTION_LABELS[e.action] ?? e.action}</td>
            <td>{e.outcome === 'ok' ? OUTCOME_LABELS.ok : <span class="tag bad">{OUTCOME_LABELS[e.outcome]}</span>}</td>
            <td class="opt">{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : ''}</td>
            <td class="opt">{e.regionCode ? props.regions.name(e.regionCode) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
