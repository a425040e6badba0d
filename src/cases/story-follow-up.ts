// A grievance told rather than asked for: a story with its details, or a request for someone else, opens the form pre-filled.
import type { QuestionForms } from '../core/question-forms.js';
import type { Skill, SkillResult, TurnContext } from '../core/types.js';
import type { CaseWords } from './case-words.js';
import { extractSlots } from './extract.js';
import type { PlaceFinder } from './places.js';
import { PAUSED_INTAKE_KEY } from './intake-flow.js';

/** How many concrete details (amount, counterpart, place, start, phone) make a told story a grievance without a filing word. */
const STORY_DETAILS = 2;
const STORY_MIN_CHARS = 20;

export interface StoryFollowUpDeps {
  intake: Skill;
  places: PlaceFinder;
  words: CaseWords;
  moves: { matching(text: string): string[] };
  question: QuestionForms;
  /** Whether the message asks after a report made before (case-status words): that is looked up, not filed again. */
  asksCaseStatus?: (text: string) => boolean;
}

export function createStoryFollowUp(deps: StoryFollowUpDeps) {
  return async function storyFollowUp(ctx: TurnContext): Promise<SkillResult | undefined> {
    if (ctx.state.flow) return undefined;
    const text = ctx.text.trim();
    const moves = deps.moves.matching(text);
    if (moves.includes('resume') && ctx.state[PAUSED_INTAKE_KEY]) return deps.intake.handle(ctx);
    if (moves.includes('for-someone-else')) return deps.intake.handle(ctx);
    const asks = deps.question.asks(text);
    if (moves.includes('someone-elses-wrong') && !asks) return deps.intake.handle(ctx);
    if (Array.from(text).length < STORY_MIN_CHARS || asks) return undefined;
    // "上周三我在你们这投诉了广元乱罚款…还没消息" tells the old story to ask where it stands.
    if (deps.asksCaseStatus?.(text)) return undefined;
    const found = extractSlots(text, { now: ctx.now, places: deps.places, words: deps.words });
    const details = [found.amountYuan, found.counterpart, found.place, found.startedAt, found.phone].filter(
      (v) => v !== undefined && v !== null,
    ).length;
    if (!found.category || details < STORY_DETAILS) return undefined;
    return deps.intake.handle(ctx);
  };
}
