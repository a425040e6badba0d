// Skills the core answers itself: greetings, "say that again", the honest "I don't know", and the human-mode acknowledgement.
import { HOTLINES } from './hotlines.js';
import { CLAUSE_OR_PAUSE } from './normalise.js';
import type { WordSet } from '../lexicon/compile.js';
import type { FlowState, Intent, Reply, Skill, SkillResult } from './types.js';

export const HUMAN_ACK: Reply = {
  text: '已转人工，工作人员会尽快回复。',
  speech: '已转人工，工作人员会尽快回复。',
};

export const FAILURE_REPLY: Reply = {
  text: `抱歉，系统刚才出了点问题，您的消息已经记下了。请稍后再发一次，急事请拨打${HOTLINES.transport}交通运输服务热线。`,
  speech: `抱歉，系统出了点问题，消息已记下。请稍后再试，急事请拨打${HOTLINES.transport}。`,
};

const CAPABILITIES = [
  '政策法规问答（疲劳驾驶、超限超载、绿色通道、欠薪欠运费、法律援助、工伤等）',
  '找附近的暖心之家、司机之家，看能不能吃饭、洗澡、住宿，还能预约床位',
  '登记您的诉求（欠运费、乱罚款、套路贷等），转给县、市、省里办理并跟踪到底',
  '需要时转人工',
];

/** The introduction: what the assistant does, for a greeting or anything else said in passing. */
const INTRODUCTION: Reply = {
  text: `您好，我是暖心助手，帮货车司机朋友办事的。我可以：\n${CAPABILITIES.map((c, i) => `${i + 1}. ${c}`).join('\n')}\n直接说您的问题就行，比如“疲劳驾驶怎么规定的”“附近哪里可以洗澡”。`,
  speech: '您好，我是暖心助手。可以问政策、找附近暖心之家、登记诉求，直接说您的问题就行。',
  quickReplies: ['附近的暖心之家', '政策问答', '我要反映问题', '转人工'],
};

/**
 * The reply to each kind of pleasantry (rules of knowledge/lexicon/core/pleasantries.yaml), first match in this order: a
 * tired driver at the end of a trip hears care before thanks, and "好的" / "知道了" closes a topic with a short
 * acknowledgement, not the whole introduction again.
 */
const REPLIES_BY_PLEASANTRY: [rules: string[], reply: Reply][] = [
  [['day-done'], { text: '辛苦了！好好休息，路上注意安全，有事随时找我。' }],
  [['on-the-road-today'], { text: '辛苦了！开车注意安全，路上有事随时找我。', quickReplies: ['附近的暖心之家', '政策问答'] }],
  [['chat-greeting'], { text: '谢谢关心！您也记得按时吃饭、好好休息，有事随时找我。' }],
  [['thanks', 'typed-thanks', 'thanks-for-help'], { text: '不客气！开车注意安全，有事随时找我。', quickReplies: ['附近的暖心之家', '我要反映问题'] }],
  [['farewell'], { text: '好的，一路平安！' }],
  // A greeting with a laugh (哈哈 你好) is still a greeting: the introduction, before praise is thanked.
  [['greeting'], INTRODUCTION],
  // Asked what or who it is (你是机器人还是真人 叫啥名字), laughing or not: it says so.
  [['are-you-a-bot', 'your-name', 'about-the-assistant'], INTRODUCTION],
  [['praise'], { text: '谢谢夸奖！有事随时找我。', quickReplies: ['附近的暖心之家', '我要反映问题'] }],
  [['acknowledgement', 'hm'], { text: '好的，还有什么需要随时说。', quickReplies: ['附近的暖心之家', '我要反映问题'] }],
];

/** The introduction opened with a word of care instead of the greeting, for a tired driver who asks what it does. */
const caring = (reply: Reply): Reply => {
  const opened = (s: string) => `辛苦了！${s.replace(/^您好，/u, '')}`;
  return { ...reply, text: opened(reply.text), ...(reply.speech ? { speech: opened(reply.speech) } : {}) };
};

/** 好 inside 你好 or 早上好 is no acknowledgement: these count only as the message's first words. */
const OPENING_ONLY = ['acknowledgement', 'hm'];

/** Small talk, answered by the kind of pleasantry the message is made of (`pleasantries`: the compiled rules). */
export function createSmalltalkSkill(
  pleasantries?: Pick<WordSet, 'matching' | 'exec'>,
  /** Asking what the assistant can do ("你能干什么"), which the introduction answers whatever else is said. */
  capability?: Pick<WordSet, 'test'>,
): Skill {
  return {
    async handle(ctx): Promise<SkillResult> {
      const kinds = new Set(pleasantries?.matching(ctx.text) ?? []);
      const opening = pleasantries?.exec(ctx.text)?.rule.name;
      for (const kind of OPENING_ONLY) if (kind !== opening) kinds.delete(kind);
      // The capability words read a whole clause ("累死了，你能干什么" asks in its second).
      const asksCapability = capability !== undefined && ctx.text.split(CLAUSE_OR_PAUSE).some((clause) => capability.test(clause));
      if (kinds.has('about-the-assistant') || kinds.has('chat-request') || asksCapability) {
        // A tired driver who also asks what the assistant does hears a word of care before the introduction.
        return {
          replies: [kinds.has('day-done') ? caring(INTRODUCTION) : INTRODUCTION],
        };
      }
      const reply = REPLIES_BY_PLEASANTRY.find(([rules]) => rules.some((r) => kinds.has(r)))?.[1] ?? INTRODUCTION;
      return { replies: [reply] };
    },
  };
}

/** Without the word rules (a bare engine in tests), every pleasantry gets the introduction. */
export const smalltalkSkill: Skill = createSmalltalkSkill();

export const unknownSkill: Skill = {
  async handle(ctx): Promise<SkillResult> {
    const misses = (ctx.state.misses ?? 0) + 1;
    const text =
      misses >= 2
        ? `这个问题我还答不好。您可以说“转人工”让工作人员来帮您，或拨打${HOTLINES.transport}交通运输服务热线。`
        : `抱歉，这个我暂时答不了。我能回答货车司机相关的政策法规、找暖心之家、登记诉求。也可以拨打${HOTLINES.transport}，或说“转人工”。`;
    return {
      replies: [{ text, quickReplies: ['转人工', '附近的暖心之家', '我要反映问题'] }],
    };
  },
};

export function repeatLast(state: FlowState): SkillResult & { intent: Intent } {
  const last = state.lastReply;
  return {
    intent: state.lastIntent ?? 'smalltalk',
    replies: [last ? { text: last.text, ...(last.speech ? { speech: last.speech } : {}) } : { text: '刚才没有说什么，您请讲。' }],
  };
}

/** An honest answer for a domain whose issue has not landed yet. */
export function unavailableSkill(what: string): Skill {
  return {
    async handle(): Promise<SkillResult> {
      return {
        replies: [{ text: `${what}功能还在建设中，暂时用不了。急事请拨打${HOTLINES.transport}交通运输服务热线。` }],
      };
    },
  };
}
