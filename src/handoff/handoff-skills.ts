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

/** The honest "I don't know" on the first miss; on the second miss in a row a person takes over. */
export function botFailedSkill(service: Pick<HandoffService, 'ackReplies'>, firstMiss: Skill = unknownSkill): Skill {
  return {
    async handle(ctx): Promise<SkillResult> {
      if ((ctx.state.misses ?? 0) + 1 < 2) return firstMiss.handle(ctx);
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
