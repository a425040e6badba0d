// Server-rendered views of one conversation in the console: the transcript, the handoff panel, the reply box, notes and the list.
import type { ConversationInfo, Handoff, StaffNote, TranscriptMessage } from '../../handoff/types.js';
import type { RegionDirectory } from '../../china/regions.js';
import { markdownAsPlain } from '../../knowledge/answer-blocks.js';
import type { CannedReply } from '../../staff/types.js';
import type { StaffCaseSummary } from '../../staff/case-port.js';
import { ProblemCard } from './handoff-problem.js';
import { AUTHOR_LABELS, CHANNEL_LABELS, STATUS_LABELS, formatTime } from './labels.js';

/** Newest message first, so the latest thing the driver said is the first thing staff read; new ones arrive on top. */
export function Transcript(props: { conversationId: string; messages: TranscriptMessage[] }) {
  return (
    <div
      id="transcript"
      class="transcript"
      role="log"
      tabindex={0}
      aria-label="对话记录（最新在上）"
      data-conversation={props.conversationId}
      data-after={String(props.messages.at(-1)?.id ?? 0)}
      aria-live="polite"
    >
      {[...props.messages].reverse().map((m) => (
        <div class={`msg ${m.author}`} data-id={String(m.id)}>
          <div class="who">
            {AUTHOR_LABELS[m.author]} · {formatTime(m.createdAt).slice(6)}
          </div>
          {m.author === 'bot' ? markdownAsPlain(m.text) : m.text}
        </div>
      ))}
    </div>
  );
}

export function ConversationPanel(props: {
  conversation: ConversationInfo;
  handoff: Handoff | undefined;
  open: Handoff | undefined;
  staffId: string;
  regions: RegionDirectory;
  canTakeOver: boolean;
  driverCases: StaffCaseSummary[];
  caseStatusLabel: (s: string) => string;
  casesConnected: boolean;
}) {
  const h = props.open ?? props.handoff;
  const mine = props.open?.claimedBy === props.staffId;
  return (
    <div>
      <p>
        {/* One status: an open handoff's (等待接入 until someone claims it, then 人工服务中), else who is answering. */}
        {props.open ? (
          <span class={`tag ${props.open.status}`}>{STATUS_LABELS[props.open.status]}</span>
        ) : (
          <span class="tag">{props.conversation.mode === 'human' ? '人工服务中' : '机器人服务中'}</span>
        )}{' '}
        渠道：{CHANNEL_LABELS[props.conversation.channel] ?? props.conversation.channel}
        {props.conversation.externalUserId ? <span class="muted"> · {props.conversation.externalUserId}</span> : null}
      </p>
      {h ? (
        <p class="muted">
          地区：{props.regions.name(h.regionCode)}
          {h.claimedByName ? ` · 接手：${h.claimedByName}` : ''}
          {h.escalatedTo ? ` · 已升级至${props.regions.name(h.escalatedTo)}` : ''}
        </p>
      ) : null}
      <div class="actions">
        {props.open?.status === 'waiting' ? (
          <button class="primary" id="claim" data-post={`/staff/api/handoffs/${props.open.id}/claim`}>
            接手
          </button>
        ) : null}
        {props.open?.status === 'active' && !mine && props.canTakeOver ? (
          <button id="takeover" data-post={`/staff/api/handoffs/${props.open.id}/claim`} data-confirm="确定从当前接手人处接管这个对话？">
            接管
          </button>
        ) : null}
        {/* Only the owner, a supervisor, or anyone while it waits may hand back (the server refuses the rest). */}
        {props.open && (props.open.status === 'waiting' || mine || props.canTakeOver) ? (
          <button
            id="handback"
            data-post={`/staff/api/conversations/${props.conversation.id}/handback`}
            data-confirm="结束人工服务，交还给暖心助手？"
          >
            结束并交还机器人
          </button>
        ) : props.open ? null : (
          <button id="pickup" data-post={`/staff/api/conversations/${props.conversation.id}/pickup`}>
            人工接入
          </button>
        )}
      </div>
      {h ? <ProblemCard handoff={h} cases={props.driverCases} statusLabel={props.caseStatusLabel} casesConnected={props.casesConnected} /> : null}
      {h ? (
        <div class="card">
          <h2>转人工记录</h2>
          <div class="summary">{h.summary}</div>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Replying claims: a reply to a waiting handoff makes the sender its owner (a supervisor's reply takes over an active one),
 * and the box says so before sending. An agent cannot reply to a conversation a colleague has claimed.
 */
export function replyMode(
  open: Handoff | undefined,
  humanMode: boolean,
  staffId: string,
  canTakeOver: boolean,
): { mode: 'off' | 'claims' | 'takes_over' | 'mine' | 'theirs'; note?: string; button: string } {
  if (!open || !humanMode) return { mode: 'off', note: '对话在机器人服务中。先“人工接入”，再回复。', button: '发送' };
  if (open.status === 'waiting') return { mode: 'claims', note: '发送即接手：回复后由您负责这个对话，同事不能再回复。', button: '接手并发送' };
  if (open.claimedBy === staffId) return { mode: 'mine', button: '发送' };
  const who = open.claimedByName ?? '其他工作人员';
  if (canTakeOver) return { mode: 'takes_over', note: `发送即从${who}处接管这个对话。`, button: '接管并发送' };
  return { mode: 'theirs', note: `已由${who}接手，只有接手人或主管可以回复。`, button: '发送' };
}

export function ReplyBox(props: { conversationId: string; canned: CannedReply[]; reply: ReturnType<typeof replyMode> }) {
  const enabled = props.reply.mode !== 'off' && props.reply.mode !== 'theirs';
  const claims = props.reply.mode === 'claims' || props.reply.mode === 'takes_over';
  return (
    <form
      id="reply-form"
      data-api={`/staff/api/conversations/${props.conversationId}/reply`}
      data-then={claims ? 'reload' : 'clear'}
      data-reply-mode={props.reply.mode}
    >
      <h2>回复司机</h2>
      {props.reply.note ? (
        <p id="reply-note" class={claims ? 'notice' : 'muted'}>
          {props.reply.note}
        </p>
      ) : null}
      {props.canned.length ? (
        <select id="canned" aria-label="快捷回复" disabled={!enabled}>
          <option value="">插入快捷回复…</option>
          {props.canned.map((c) => (
            <option value={c.text}>{c.title}</option>
          ))}
        </select>
      ) : null}
      <textarea
        name="text"
        aria-label="回复内容"
        aria-describedby={props.reply.note ? 'reply-note' : undefined}
        aria-keyshortcuts="Control+Enter"
        maxlength={2000}
        required
        disabled={!enabled}
        placeholder="Ctrl+Enter 发送。输入回复，发送后司机会在原渠道收到"
      ></textarea>
      <p class="form-error error" role="alert"></p>
      <button class="primary" type="submit" disabled={!enabled}>
        {props.reply.button}
      </button>
    </form>
  );
}

export function Notes(props: { conversationId: string; notes: StaffNote[] }) {
  return (
    <div class="card notes-card">
      <h2>内部备注（司机看不到）</h2>
      <ul id="notes">
        {props.notes.map((n) => (
          <li>
            {n.staffName}：{n.text} <span class="muted">{formatTime(n.createdAt)}</span>
          </li>
        ))}
      </ul>
      <form id="note-form" data-api={`/staff/api/conversations/${props.conversationId}/notes`} data-then="note">
        <textarea name="text" aria-label="内部备注" maxlength={4000} required placeholder="只给同事看的备注"></textarea>
        <p class="form-error error" role="alert"></p>
        <button type="submit">添加备注</button>
      </form>
    </div>
  );
}

export function ConversationList(props: {
  rows: (ConversationInfo & { lastText: string | null; regionCode: string | null; handoff: Handoff | undefined })[];
  regions: RegionDirectory;
}) {
  if (!props.rows.length) return <p class="muted">辖区内还没有对话。机器人独自服务、未转过人工的对话地区未知，只有省级主管和管理员可见。</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>更新</th>
          <th>服务</th>
          <th>地区</th>
          <th>司机最后一句</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <td>
              <a href={`/staff/conversations/${r.id}`}>{formatTime(r.updatedAt)}</a>
            </td>
            <td>{r.mode === 'human' ? '人工' : '机器人'}</td>
            <td>{props.regions.name(r.regionCode)}</td>
            <td>{r.lastText ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
