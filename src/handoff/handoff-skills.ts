// The skills that hand a conversation to staff: the driver asks for a person, or the bot fails twice in a row.
import { unknownSkill } from '../core/basic-skills.js';
import type { Skill, SkillResult } from '../core/types.js';
import type { HandoffService } from './handoff-service.js';

export function handoffSkill(service: Pick<HandoffService, 'ackReplies'>): Skill {
  return {
    async handle(ctx): Promise<SkillResult> {
      return {
        intent: 'handoff',
        mode: 'human',
        handoff: { reason: 'driver_asked' },
        // The acknowledgement goes out now, so later messages while waiting get no bot text at all.
        state: { ...ctx.state, humanAcked: true },
        replies: service.ackReplies(ctx.now),
      };
    },
  };
}

/**
 * The honest "I don't know" on the first miss; on the second miss in a row a person takes over. What the fallback still
 * answers (a follow-up it resolves) or refuses as off-topic ("讲个笑话") is returned as it is: that is not the bot failing.
 */
export function botFailedSkill(service: Pick<HandoffService, 'ackReplies'>, fallback: Skill = unknownSkill): Skill {
  return {
    async handle(ctx): Promise<SkillResult> {
      const result = await fallback.handle(ctx);
      const missed = result.miss ?? (result.intent ?? 'unknown') === 'unknown';
      if (!missed || (ctx.state.misses ?? 0) + 1 < 2) return result;
      return {
        intent: 'handoff',
        mode: 'human',
        handoff: { reason: 'bot_failed' },
        state: { ...ctx.state, humanAcked: true },
        replies: service.ackReplies(ctx.now, '这个问题我答不好，'),
      };
    },
  };
}
