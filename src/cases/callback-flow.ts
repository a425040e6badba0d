// The callback (跟踪回访) in the conversation: is it really solved, and a 1–5 rating; "not solved" reopens the case.
import type { IntentDetector } from '../core/intent.js';
import type { Flow, FlowState, KnowledgeProbe, SkillResult, TurnContext } from '../core/types.js';
import { AppError } from '../errors.js';
import { CALLBACK_FLOW, type CaseService } from './case-service.js';
import { parseChineseNumber } from './chinese-number.js';

interface CallbackData {
  caseId: string;
  solved?: boolean;
  rating?: number;
  tries: number;
}

const NOT_SOLVED = /没(有)?(解决|搞定|办好|处理好|到账|给|结|拿到)|还没|未解决|不解决|没用|还是(没|不)|不满意.*(没|不)|老样子|依然|仍然/;
const SOLVED = /(已经?|都)?解决了?|搞定了?|办好了|处理好了|到账了|收到(钱|了)|拿到(钱|了)|结清了|给了/;
const RATING = /(?:^|[^0-9])([1-5])\s*(?:分|星)?(?![0-9])|([一二三四五两])\s*(?:分|星)/;

export function parseRating(text: string): number | undefined {
  const m = RATING.exec(text);
  if (!m) return undefined;
  const n = m[1] ? Number(m[1]) : parseChineseNumber(m[2] as string);
  return n && n >= 1 && n <= 5 ? n : undefined;
}

export function parseSolved(text: string): boolean | undefined {
  if (NOT_SOLVED.test(text)) return false;
  if (SOLVED.test(text)) return true;
  return undefined;
}

export function createCallbackFlow(deps: { service: CaseService; knowledge?: KnowledgeProbe; detectIntent: IntentDetector }): Flow {
  function state(ctx: TurnContext, data: CallbackData | undefined): FlowState {
    const next: FlowState = { ...ctx.state };
    if (data)
      next.flow = {
        name: CALLBACK_FLOW,
        data: data as unknown as Record<string, unknown>,
        startedAt: ctx.state.flow?.startedAt ?? ctx.now.toISOString(),
      };
    else delete next.flow;
    return next;
  }

  async function record(ctx: TurnContext, data: CallbackData, solved: boolean, rating: number | undefined): Promise<SkillResult> {
    try {
      await deps.service.recordCallback(data.caseId, { actor: 'driver', solved, rating: rating ?? null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // Staff recorded the callback first, or the case moved on: nothing left to ask.
      return { replies: [{ text: `诉求${data.caseId}的回访已经记录过了，谢谢您。` }], state: state(ctx, undefined), intent: 'case_status' };
    }
    const text = solved
      ? `谢谢您的回复！诉求${data.caseId}已结案${rating ? `，您打了${rating}分` : ''}。开车注意安全，有事随时找我。`
      : `抱歉没能把事情办好。诉求${data.caseId}已重新转给承办单位优先办理，会尽快联系您。`;
    return { replies: [{ text, caseId: data.caseId }], state: state(ctx, undefined), intent: 'case_status' };
  }

  return {
    name: CALLBACK_FLOW,
    async continue(ctx) {
      const raw = ctx.state.flow?.data as Partial<CallbackData> | undefined;
      if (!raw || typeof raw.caseId !== 'string') return { replies: [], state: state(ctx, undefined) };
      const data: CallbackData = {
        caseId: raw.caseId,
        tries: raw.tries ?? 0,
        ...(raw.solved !== undefined ? { solved: raw.solved } : {}),
        ...(raw.rating !== undefined ? { rating: raw.rating } : {}),
      };
      const solved = parseSolved(ctx.text) ?? data.solved;
      const rating = parseRating(ctx.text) ?? data.rating;
      if (solved !== undefined && (rating !== undefined || data.solved !== undefined || data.tries >= 1)) return record(ctx, data, solved, rating);
      if (solved !== undefined) {
        return {
          replies: [{ text: '好的。再请您给办理情况打个分吧：1到5分，5分最满意。', quickReplies: ['5', '4', '3', '2', '1'] }],
          state: state(ctx, { ...data, solved, tries: data.tries + 1 }),
          intent: 'case_status',
        };
      }
      const intent = deps.detectIntent({ text: ctx.text, location: ctx.location }, deps.knowledge).intent;
      if (rating === undefined && !['smalltalk', 'unknown'].includes(intent)) return undefined;
      if (data.tries >= 2)
        return {
          replies: [{ text: '好的，回访先到这里。有需要随时说“我的诉求办得怎么样了”。' }],
          state: state(ctx, undefined),
          intent: 'case_status',
        };
      return {
        replies: [
          { text: `回访诉求${data.caseId}：问题解决了吗？请回复“已解决”或“没解决”，可以顺便打个分（1到5分）。`, quickReplies: ['已解决', '没解决'] },
        ],
        state: state(ctx, { ...data, ...(rating !== undefined ? { rating } : {}), tries: data.tries + 1 }),
        intent: 'case_status',
      };
    },
    resumePrompt(ctx) {
      const raw = ctx.state.flow?.data as Partial<CallbackData> | undefined;
      return raw?.caseId
        ? { text: `（回访诉求${raw.caseId}）问题解决了吗？请回复“已解决”或“没解决”。`, quickReplies: ['已解决', '没解决'] }
        : undefined;
    },
  };
}
