// The reply to a driver who says the answer just given was wrong or no help ("不对", "没用"): an apology that says the question was passed on, not a second "not found".
import { HOTLINES } from '../core/hotlines.js';
import type { Skill } from '../core/types.js';
import type { WordSet } from '../lexicon/compile.js';
import { rejectsAnswer } from './learning-loop.js';

export const REJECTION_REPLY = `抱歉，刚才的回答没帮上您。这个问题已经记下，工作人员会补充答案。您可以换个说法再问一次，说“转人工”找工作人员，或拨打${HOTLINES.transport}。`;
const REJECTION_SPEECH = `抱歉没帮上。问题已经记下了。可以换个说法再问，或者说转人工。`;

/** Wraps the fallback skill: a message that is only a rejection of the last knowledge answer gets the apology. */
export function answerRejectionAware(fallback: Skill, rejections: WordSet): Skill {
  return {
    async handle(ctx) {
      const whole = rejectsAnswer(rejections, ctx.text, ctx.state) && rejections.matching(ctx.text.trim()).includes('whole');
      if (!whole) return fallback.handle(ctx);
      // The driver still has no answer: it counts as a miss, so a second one in a row offers a person.
      return { intent: 'unknown', miss: true, replies: [{ text: REJECTION_REPLY, speech: REJECTION_SPEECH, quickReplies: ['转人工', '政策问答'] }] };
    },
  };
}
