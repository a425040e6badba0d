// The conversation view's first card: the driver's problem (category, place, amount, what happened, the questions the bot
// could not answer), the name and phone already collected, and links to the driver's cases.
import type { Handoff, HandoffProblem } from '../../handoff/types.js';
import { REASON_LABELS } from '../../handoff/summary.js';
import type { StaffCaseSummary } from '../../staff/case-port.js';

/** One line for the queue: 运费结算 · 自贡沿滩区 · 8,000元 — what happened or the questions; undefined with nothing to say. */
export function problemLine(p: HandoffProblem | null): string | undefined {
  if (!p) return undefined;
  const head = [p.category, p.place, p.amountYuan !== undefined ? `${p.amountYuan.toLocaleString('zh-CN')}元` : undefined]
    .filter(Boolean)
    .join(' · ');
  const body = p.description ?? (p.questions.length ? p.questions.map((q) => `“${q}”`).join(' ') : '');
  const line = [head, body].filter(Boolean).join('：');
  return line || undefined;
}

export function ProblemCard(props: { handoff: Handoff; cases: StaffCaseSummary[]; statusLabel: (s: string) => string; casesConnected: boolean }) {
  const p = props.handoff.problem;
  const facts: [string, string][] = [];
  if (p?.category) facts.push(['类别', p.category]);
  if (p?.place) facts.push(['地点', p.place]);
  if (p?.amountYuan !== undefined) facts.push(['金额', `${p.amountYuan.toLocaleString('zh-CN')}元`]);
  if (p?.counterpart) facts.push(['对方', p.counterpart]);
  if (p?.description) facts.push(['情况', p.description]);
  const asked = props.handoff.reason === 'bot_failed' ? '没答上的问题' : '司机问';
  return (
    <section class="card problem" aria-labelledby="problem-title">
      <h2 id="problem-title">司机的问题</h2>
      <p class="muted">原因：{REASON_LABELS[props.handoff.reason]}</p>
      {facts.length || p?.questions.length ? (
        <dl class="facts">
          {facts.map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
          {p?.questions.length ? (
            <>
              <dt>{asked}</dt>
              <dd>
                {p.questions.map((q) => (
                  <q>{q}</q>
                ))}
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>司机还没说具体问题，请看对话记录。</p>
      )}
      <h3>已留信息</h3>
      <dl class="facts">
        <dt>姓名</dt>
        <dd>{p?.name ?? <span class="muted">未留</span>}</dd>
        <dt>电话</dt>
        <dd>{p?.phone ? <a href={`tel:${p.phone}`}>{p.phone}</a> : <span class="muted">未留</span>}</dd>
      </dl>
      <h3>该司机的诉求</h3>
      {props.cases.length ? (
        <ul class="driver-cases">
          {props.cases.map((c) => (
            <li>
              <a href={`/staff/cases/${encodeURIComponent(c.id)}`}>{c.id}</a> {props.statusLabel(c.status)} · {c.title}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{props.casesConnected ? '没有登记过诉求（或不在您的辖区）。' : '诉求模块未接入。'}</p>
      )}
    </section>
  );
}
