// Conversational moves about the last answer or the bot itself: "说简单点", "还有呢", "你说的不对", anger, and yes to the offered person.
import type { QuestionForms } from './question-forms.js';

// An interrogative proper: "屁用没有" has a question's shape but asks nothing.
const ASKS = /[?？]|吗|哪|什么|怎么|咋|多少|几/;
import type { FollowUp } from './engine.js';
import type { Skill, SkillResult, TurnContext } from './types.js';

/** What the moves need of compiled word sets (knowledge/lexicon/core/moves.yaml, core/answers.yaml). */
export interface MoveWords {
  matching(text: string): string[];
}

export interface MovesDeps {
  moves: MoveWords;
  answers: MoveWords;
  /** Hands the driver to a person (the handoff domain's skill), when they accept the offer. */
  handoff: Skill;
  /** Whether a message asks or tells (core/question-forms). */
  question: QuestionForms;
}

/** Set when a reply offered a person; a yes next turn takes it. */
const OFFERED_PERSON_KEY = 'offeredPerson';
/** The answer a short form was made from, so "还有呢" after "说简单点" gives the whole of it, not the short form again. */
const BEFORE_SHORT_KEY = 'beforeShort';
const SOURCE = /来源[:：]\s*([^\n]+)/;
const SHORT_MAX = 80;

function shortForm(text: string, speech: string | undefined): string {
  if (speech) return speech;
  const first = text.split('\n').find((l) => l.trim() && !/^来源/.test(l)) ?? text;
  const sentence = /^[^。！!？?]+[。！!？?]?/.exec(first)?.[0] ?? first;
  return Array.from(sentence).slice(0, SHORT_MAX).join('');
}

export function createMoves(deps: MovesDeps): FollowUp {
  return async function moves(ctx: TurnContext): Promise<SkillResult | undefined> {
    const text = ctx.text.trim();
    const said = deps.moves.matching(text);
    const offered = ctx.state[OFFERED_PERSON_KEY] === true;
    const state = { ...ctx.state };
    delete state[OFFERED_PERSON_KEY];
    delete state[BEFORE_SHORT_KEY];
    if (offered && !ctx.state.flow && deps.answers.matching(text).includes('yes')) return deps.handoff.handle({ ...ctx, state });
    if (!said.length) return undefined;
    const last = (ctx.state[BEFORE_SHORT_KEY] as typeof ctx.state.lastReply) ?? ctx.state.lastReply;
    // A question with a complaint in it ("经销商骗人 打哪个投诉电话") wants its answer, not comfort.
    if (said.includes('anger') && !(deps.question.asks(text) && ASKS.test(text))) {
      return {
        intent: 'smalltalk',
        miss: false,
        state: { ...state, [OFFERED_PERSON_KEY]: true },
        replies: [
          {
            text: '让您受气了，对不起。遇到这种事谁都窝火。要不要我叫工作人员来跟您说？回“好”就转，您也可以直接说是什么事，我帮您登记、催办。',
            speech: '让您受气了，对不起。要不要我叫工作人员来跟您说？',
            quickReplies: ['好', '我要反映问题'],
          },
        ],
      };
    }
    if (!last || ctx.state.flow) return undefined;
    if (said.includes('disputed')) {
      const source = SOURCE.exec(last.text)?.[1]?.trim();
      return {
        intent: 'smalltalk',
        miss: false,
        state: { ...state, [OFFERED_PERSON_KEY]: true },
        replies: [
          {
            text: `谢谢您指出来。${source ? `刚才的说法依据的是${source}，` : '刚才是按我资料里的说法回答的，'}各地执行和每个人的情况可能不一样。要不要转给工作人员帮您核实？回“好”就转。`,
            speech: `谢谢指出。${source ? `刚才依据的是${source}。` : ''}要不要转给工作人员核实？`,
            quickReplies: ['好', '不用'],
          },
        ],
      };
    }
    if (said.includes('simpler'))
      return {
        intent: ctx.state.lastIntent ?? 'smalltalk',
        miss: false,
        state: { ...state, [BEFORE_SHORT_KEY]: last },
        replies: [{ text: shortForm(last.text, last.speech), quickReplies: ['还有呢', '转人工'] }],
      };
    if (said.includes('more'))
      return {
        intent: ctx.state.lastIntent ?? 'smalltalk',
        miss: false,
        state,
        replies: [{ text: last.text, full: true, ...(last.speech ? { speech: last.speech } : {}) }],
      };
    return undefined;
  };
}
