// The 未答问题 pages' views: question groups with attach and dismiss, the draft form, drafts and their review, and the weekly not-found rate.
import { knowledgeCategories } from '../../knowledge/entry-schema.js';
import type { KnowledgeDraft, NotFoundWindow } from '../../knowledge/learning-types.js';
import type { QuestionGroup } from '../../knowledge/question-groups.js';
import type { RegionDirectory } from '../../china/regions.js';
import { DRAFT_STATUS_LABELS, QUESTION_REASON_LABELS, formatTime } from './labels.js';

export interface EntryOption {
  id: string;
  title: string;
}

function EntrySelect(props: { entries: EntryOption[]; suggested: string[]; label: string }) {
  const byId = new Map(props.entries.map((e) => [e.id, e]));
  const suggested = props.suggested.map((id) => byId.get(id)).filter((e): e is EntryOption => e !== undefined);
  return (
    <select name="entryId" aria-label={props.label} required style="width:22rem;max-width:100%">
      {suggested.length ? (
        <optgroup label="搜索认为最接近">
          {suggested.map((e) => (
            <option value={e.id}>{e.title}</option>
          ))}
        </optgroup>
      ) : (
        <option value="">选择条目…</option>
      )}
      <optgroup label="全部条目">
        {props.entries.map((e) => (
          <option value={e.id}>{e.title}</option>
        ))}
      </optgroup>
    </select>
  );
}

export function QuestionGroups(props: { groups: QuestionGroup[]; entries: EntryOption[]; regions: RegionDirectory }) {
  if (props.groups.length === 0) return <p class="muted">没有待处理的问题。司机问到答不上、答得没把握或说“不对”的问题会出现在这里。</p>;
  return (
    <div>
      {props.groups.map((g, n) => (
        <section class="card" aria-labelledby={`group-${n}`}>
          <h2 id={`group-${n}`}>
            第 {n + 1} 组 · {g.questions.length} 个相近问题
          </h2>
          <ul style="list-style:none;padding:0;margin:0">
            {g.questions.map((q) => (
              <li style="border-top:1px solid var(--line);padding:.6rem 0">
                <p style="margin:0 0 .3rem;font-weight:600">{q.text}</p>
                <p style="margin:0 0 .4rem;font-size:13px;color:#444">
                  <span class="tag">{QUESTION_REASON_LABELS[q.reason]}</span> {props.regions.name(q.regionCode)} · {formatTime(q.createdAt)}
                </p>
                <form class="filters" style="margin:0" data-api={`/staff/api/knowledge/questions/${q.id}/attach`} data-then="reload">
                  <EntrySelect entries={props.entries} suggested={g.suggested} label={`“${q.text.slice(0, 20)}”归入的条目`} />
                  <button type="submit">归入条目</button>
                  <button type="button" data-post={`/staff/api/knowledge/questions/${q.id}/dismiss`} data-confirm="忽略这个问题？">
                    忽略
                  </button>
                  <span class="form-error error" role="alert"></span>
                </form>
              </li>
            ))}
          </ul>
          <p>
            <a class="btn" href={`/staff/knowledge/drafts/new?q=${g.questions.map((q) => q.id).join(',')}`}>
              都答不了：为这组写新条目
            </a>
          </p>
        </section>
      ))}
    </div>
  );
}

export function DraftForm(props: { questionIds: number[]; questions: string[] }) {
  return (
    <form class="card" data-api="/staff/api/knowledge/drafts" data-then="reload">
      <input type="hidden" name="questionIds" value={props.questionIds.join(',')} />
      <p>
        <label>
          条目编号（小写字母和连字符）
          <br />
          <input name="id" required maxlength={80} placeholder="truck-parking-fees" />
        </label>
      </p>
      <p>
        <label>
          标题
          <br />
          <input name="title" required maxlength={80} style="width:100%" />
        </label>
      </p>
      <p>
        <label>
          类别{' '}
          <select name="category">
            {knowledgeCategories.map((c) => (
              <option value={c}>{c}</option>
            ))}
          </select>
        </label>
      </p>
      <p>
        <label for="draft-questions">司机的问法（一行一个，至少 4 个；下面这组问题会自动加入）</label>
        <textarea id="draft-questions" name="questions">
          {props.questions.join('\n')}
        </textarea>
      </p>
      <p>
        <label for="draft-answer">回答（可用 Markdown）</label>
        <textarea id="draft-answer" name="answer" required maxlength={4000}></textarea>
      </p>
      <p>
        <label>
          语音版（一句话，120 字以内）
          <br />
          <input name="speech" required maxlength={120} style="width:100%" />
        </label>
      </p>
      <p>
        <label for="draft-sources">来源（一行一个：名称|条款，如 民法典|第1211条；没有来源不能发布）</label>
        <textarea id="draft-sources" name="sourcesText"></textarea>
      </p>
      <p>
        <label>
          标签（用逗号分开）
          <br />
          <input name="tags" style="width:100%" />
        </label>
      </p>
      <p class="form-error error" role="alert"></p>
      <button class="primary" type="submit">
        保存草稿，交主管审核
      </button>
    </form>
  );
}

export function DraftList(props: { drafts: KnowledgeDraft[] }) {
  if (props.drafts.length === 0) return <p class="muted">还没有草稿。</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>条目</th>
          <th>状态</th>
          <th class="opt">起草人 · 时间</th>
        </tr>
      </thead>
      <tbody>
        {props.drafts.map((d) => (
          <tr>
            <td>
              <a href={`/staff/knowledge/drafts/${d.id}`}>{d.entry.title}</a> <span class="muted">{d.entry.id}</span>
            </td>
            <td>
              <span class={`tag${d.status === 'rejected' ? ' bad' : d.status === 'published' ? ' active' : ' waiting'}`}>
                {DRAFT_STATUS_LABELS[d.status]}
              </span>
            </td>
            <td class="opt">
              {d.createdByName ?? '—'} · {formatTime(d.updatedAt)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DraftDetail(props: { draft: KnowledgeDraft; markdown: string; canReview: boolean }) {
  const d = props.draft;
  return (
    <div>
      <h1>{d.entry.title}</h1>
      <p>
        <span class="tag">{DRAFT_STATUS_LABELS[d.status]}</span> 起草：{d.createdByName ?? '—'} · {formatTime(d.createdAt)}
        {d.reviewNote ? <span> · 审核意见：{d.reviewNote}</span> : null}
      </p>
      <h2>条目文件（knowledge/entries/{d.entry.id}.md）</h2>
      <pre class="card summary">{props.markdown}</pre>
      <p>
        <a class="btn" href={`/staff/api/knowledge/drafts/${d.id}/markdown`} download={`${d.entry.id}.md`}>
          下载 Markdown
        </a>
      </p>
      {props.canReview && d.status === 'draft' ? (
        <form class="card" data-api={`/staff/api/knowledge/drafts/${d.id}/review`} data-then="reload">
          <h2>审核</h2>
          <label for="review-note">审核意见（可不填）</label>
          <textarea id="review-note" name="note" maxlength={2000}></textarea>
          <p class="actions">
            <select name="decision" aria-label="审核结果">
              <option value="publish">发布（立即生效）</option>
              <option value="reject">退回</option>
            </select>
            <button class="primary" type="submit">
              提交审核
            </button>
          </p>
          <p class="form-error error" role="alert"></p>
        </form>
      ) : d.status === 'draft' ? (
        <p class="muted">等待主管审核。</p>
      ) : null}
    </div>
  );
}

export function WeeklyNotFound(props: { weeks: NotFoundWindow[] }) {
  const rate = (w: NotFoundWindow) => (w.asked ? `${((100 * w.notFound) / w.asked).toFixed(1)}%` : '—');
  const latest = props.weeks[0];
  return (
    <section class="card" aria-labelledby="not-found-rate">
      <h2 id="not-found-rate">知识库未答率（每 7 天，全省）</h2>
      {latest ? (
        <div class="stats">
          <div class="stat">
            <b>{rate(latest)}</b>近 7 天未答率（{latest.notFound}/{latest.asked}）
          </div>
        </div>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>时间段</th>
            <th>政策问答</th>
            <th>没找到答案</th>
            <th>未答率</th>
          </tr>
        </thead>
        <tbody>
          {props.weeks.map((w) => (
            <tr>
              <td>
                {formatTime(w.from).slice(0, 5)} 至 {formatTime(w.to).slice(0, 5)}
              </td>
              <td>{w.asked}</td>
              <td>{w.notFound}</td>
              <td>{rate(w)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="/staff/knowledge">去处理未答问题</a>
      </p>
    </section>
  );
}
