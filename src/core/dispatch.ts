// Acting on a turn: the active form (flow) gets the message first; otherwise, or on an interruption, the intent's skill answers.
import { unknownSkill } from './basic-skills.js';
import type { Flow, Intent, Skill, SkillResult, TurnContext } from './types.js';

export type Act = (ctx: TurnContext, detected: Intent) => Promise<SkillResult & { intent: Intent }>;

export function createDispatcher(skills: Partial<Record<Intent, Skill>>, flowList: readonly Flow[]): Act {
  const flows = new Map(flowList.map((f) => [f.name, f]));

  return async function act(ctx: TurnContext, detected: Intent): Promise<SkillResult & { intent: Intent }> {
    const active = ctx.state.flow ? flows.get(ctx.state.flow.name) : undefined;
    if (active) {
      const inFlow = await active.continue(ctx);
      if (inFlow) return { ...inFlow, intent: inFlow.intent ?? detected };
      if (active.transient) {
        const { flow: _ended, ...rest } = ctx.state;
        const answer = await runSkill({ ...ctx, state: rest }, detected);
        return { ...answer, state: answer.state ?? rest };
      }
      // An interruption: answer it, keep the form, and remind the driver where they were.
      const answer = await runSkill(ctx, detected);
      // A person taking over answers the form themselves; the bot must not keep prompting.
      if (answer.mode === 'human') return answer;
      const resume = active.resumePrompt({ ...ctx, state: answer.state ?? ctx.state });
      return { ...answer, replies: resume ? [...answer.replies, resume] : answer.replies };
    }
    return runSkill(ctx, detected);
  };

  async function runSkill(ctx: TurnContext, intent: Intent): Promise<SkillResult & { intent: Intent }> {
    const skill = skills[intent] ?? skills.unknown ?? unknownSkill;
    const result = await skill.handle(ctx);
    return { ...result, intent: result.intent ?? intent };
  }
}
