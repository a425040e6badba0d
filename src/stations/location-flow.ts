// "Where are you?" as a one-question flow: the place or location the driver sends next completes the station question asked before it.
import type { Flow, FlowState, Skill, SkillResult, TurnContext } from '../core/types.js';
import type { StationCatalog } from './station-catalog.js';
import { understandStationQuestion } from './station-query.js';
import type { StationWords } from './station-words.js';

export const STATION_LOCATION_FLOW = 'station_location';
// An answer hours later is a new conversation, not the reply to this question.
const ANSWER_WITHIN_MS = 30 * 60_000;
const MAX_QUESTION_CHARS = 200;

/** The state that waits for the driver's place, remembering what they were looking for. Another form in progress wins. */
export function awaitingLocation(ctx: TurnContext): FlowState {
  if (ctx.state.flow) return ctx.state;
  return {
    ...ctx.state,
    flow: { name: STATION_LOCATION_FLOW, data: { question: ctx.text.slice(0, MAX_QUESTION_CHARS) }, startedAt: ctx.now.toISOString() },
  };
}

export function createLocationFlow(catalog: StationCatalog, stationSkill: Skill, words: StationWords): Flow {
  return {
    name: STATION_LOCATION_FLOW,
    transient: true,
    async continue(ctx): Promise<SkillResult | undefined> {
      const flow = ctx.state.flow;
      if (!flow || ctx.now.getTime() - Date.parse(flow.startedAt) > ANSWER_WITHIN_MS) return undefined;
      const reply = understandStationQuestion(ctx.text, ctx.location, catalog.places, words, (code) => catalog.onlyStationIn(code));
      // Only a place, a road or a named station answers the question; anything else is a new request.
      if (!reply.origin && !reply.route && !reply.namedStationId) return undefined;
      const { flow: _answered, ...state } = ctx.state;
      const question = typeof flow.data['question'] === 'string' ? flow.data['question'] : '';
      const result = await stationSkill.handle({ ...ctx, text: `${question} ${ctx.text}`.trim(), state });
      return { ...result, intent: 'station', state: result.state ?? state };
    },
    resumePrompt: () => undefined,
  };
}
