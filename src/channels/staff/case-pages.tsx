// Console pages that work through the case port: case detail with status, notes and callback, and the dashboard.
import type { CaseDashboard, StaffCaseDetail, StaffCaseOption } from '../../staff/case-port.js';
import type { RegionDirectory } from '../../china/regions.js';
import { BarChart, StackedColumns } from './charts.js';
import { STATUS_LABELS, formatTime } from './labels.js';

export function NotConnected(props: { reason: string }) {
  return (
    <p class="notice" id="cases-not-connected">
      {props.reason}转人工对话的处理不受影响。
    </p>
  );
}

export function CaseDetailView(props: {
  item: StaffCaseDetail;
  statuses: StaffCaseOption[];
  regions: RegionDirectory;
  label: (s: string) => string;
  categoryLabel: (s: string) => string;
}) {
  const c = props.item;
  const base = `/staff/api/cases/${encodeURIComponent(c.id)}`;
  return (
    <div class="grid">
      <div>
        <h1>
          诉求 {c.id} {c.urgent ? <span class="tag bad">紧急</span> : null}
        </h1>
        <div class="card">
          <p>
            <b>{c.title}</b>
          </p>
          <p>
            状态：<span id="case-status">{props.label(c.status)}</span> · 类别：{props.categoryLabel(c.category)} · 地区：
            {props.regions.name(c.regionCode)}
          </p>
          <p>
            登记：{formatTime(c.createdAt)} · 期限：{formatTime(c.dueAt)} {c.overdue ? <span class="tag bad">逾期</span> : null}
          </p>
          {c.conversationId ? <a href={`/staff/conversations/${c.conversationId}`}>查看司机对话</a> : null}
          <table>
            <tbody>
              {c.facts.map((f) => (
                <tr>
                  <th>{f.label}</th>
                  <td>{f.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>办理记录</h2>
        <ul id="case-events">
          {c.events.map((e) => (
            <li>
              {formatTime(e.at)} {e.actor ? `${e.actor}：` : ''}
              {e.text}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <form class="card" id="case-status-form" data-api={`${base}/status`} data-then="reload">
          <h2>改状态</h2>
          <select name="status" aria-label="新状态">
            {props.statuses.map((s) => (
              <option value={s.value} selected={s.value === c.status}>
                {s.label}
              </option>
            ))}
          </select>
          <textarea
            name="note"
            aria-label="办理说明"
            maxlength={2000}
            placeholder="办理说明（办结、不予受理时必填，会发给司机；办理中填写则作为进展告知司机）"
          ></textarea>
          <p class="form-error error" role="alert"></p>
          <button class="primary" type="submit">
            保存
          </button>
        </form>
        <form class="card" data-api={`${base}/notes`} data-then="reload">
          <h2>添加备注</h2>
          <textarea name="text" aria-label="备注内容" maxlength={4000} required></textarea>
          <p class="form-error error" role="alert"></p>
          <button type="submit">添加</button>
        </form>
        {/* A callback asks whether the result solved the problem: only once the case is 已办结. */}
        {c.status === 'resolved' ? (
          <form class="card" id="callback-form" data-api={`${base}/callback`} data-then="reload">
            <h2>回访</h2>
            {c.callback ? (
              <p class="muted">
                上次：{formatTime(c.callback.at)} {c.callback.reached ? '已联系上' : '未联系上'}{' '}
                {c.callback.rating ? `满意度 ${c.callback.rating}/5` : ''}
              </p>
            ) : null}
            <select name="reached" data-type="bool" aria-label="是否联系上">
              <option value="1">已联系上司机</option>
              <option value="0">未联系上</option>
            </select>{' '}
            <select name="solved" data-type="bool" aria-label="问题是否解决">
              <option value="1">司机说已解决</option>
              <option value="0">司机说没解决</option>
            </select>{' '}
            <select name="rating" data-type="int" aria-label="满意度">
              <option value="">满意度（未评）</option>
              {[5, 4, 3, 2, 1].map((n) => (
                <option value={String(n)}>{n} 分</option>
              ))}
            </select>
            <textarea name="note" aria-label="回访记录" maxlength={2000} placeholder="回访记录"></textarea>
            <p class="form-error error" role="alert"></p>
            <button type="submit">记录回访</button>
          </form>
        ) : null}
      </div>
    </div>
  );
}

export interface HandoffFigures {
  total: number;
  byStatus: Record<string, number>;
  byReason: Record<string, number>;
  escalated: number;
  medianFirstResponseMinutes: number | null;
  answered: number;
}

const fmt = (v: number | null, unit: string, digits = 0) => (v === null ? '—' : `${v.toFixed(digits)} ${unit}`);

export function DashboardView(props: {
  days: number;
  dayKeys: string[];
  handoffs: HandoffFigures;
  cases: CaseDashboard | undefined;
  casesReason?: string;
  regions: RegionDirectory;
  statuses: StaffCaseOption[];
}) {
  const c = props.cases;
  return (
    <div>
      <h2>诉求（近 {props.days} 天）</h2>
      {c ? (
        <div>
          <div class="stats">
            <div class="stat">
              <b>{c.total}</b>诉求总数
            </div>
            <div class="stat">
              <b>{fmt(c.medianFirstResponseMinutes, '分钟')}</b>首次响应中位数
            </div>
            <div class="stat">
              <b>{fmt(c.medianResolutionHours, '小时', 1)}</b>办结用时中位数
            </div>
            <div class="stat" id="compliance">
              <b>{c.deadlineCompliance === null ? '—' : `${Math.round(c.deadlineCompliance * 100)}%`}</b>按期办理率（{c.deadlinesMet}/{c.deadlinesDue}
              ）
            </div>
          </div>
          <div class="grid" style="margin-top:1rem">
            <BarChart title="按类别" rows={c.byCategory.map((r) => ({ label: r.label, value: r.count }))} />
            <BarChart title="按地区" rows={c.byRegion.map((r) => ({ label: props.regions.name(r.regionCode), value: r.count }))} />
          </div>
          <StackedColumns
            title="按状态（每日）"
            days={c.byStatusOverTime}
            dayKeys={props.dayKeys}
            series={props.statuses.map((s) => ({ key: s.value, label: s.label }))}
          />
        </div>
      ) : (
        <NotConnected reason={props.casesReason ?? ''} />
      )}
      <h2>转人工（近 {props.days} 天）</h2>
      <div class="stats">
        <div class="stat">
          <b>{props.handoffs.total}</b>转人工次数
        </div>
        <div class="stat">
          <b>{fmt(props.handoffs.medianFirstResponseMinutes, '分钟', 1)}</b>首次回复中位数（{props.handoffs.answered} 次有回复）
        </div>
        <div class="stat">
          <b>{props.handoffs.escalated}</b>超时升级
        </div>
      </div>
      <div class="grid" style="margin-top:1rem">
        <BarChart
          title="转人工状态"
          unit="次"
          rows={Object.entries(props.handoffs.byStatus).map(([k, v]) => ({ label: STATUS_LABELS[k as keyof typeof STATUS_LABELS] ?? k, value: v }))}
        />
        <BarChart
          title="转人工原因"
          unit="次"
          rows={Object.entries(props.handoffs.byReason).map(([k, v]) => ({
            label: { driver_asked: '司机要求', bot_failed: '机器人答不上', urgent: '紧急', staff: '主动接入' }[k] ?? k,
            value: v,
          }))}
        />
      </div>
      {/* ECharts from this server, then the script that draws each figure's data; without them the tables stay. */}
      <script src="/staff/assets/echarts.min.js" defer></script>
      <script src="/staff/assets/dashboard.js" defer></script>
    </div>
  );
}
