// Safety first in every state: the engine asks this before a form, a follow-up or staff-owned silence gets the message.
import { CLAUSE_OR_PAUSE } from '../core/normalise.js';
import type { KnowledgeProbe, SkillResult, TurnContext } from '../core/types.js';
import type { CaseService } from './case-service.js';
import type { CaseWords } from './case-words.js';
import type { EmergencyDetector, EmergencyKind } from './emergency.js';
import { extractSlots, findPhone } from './extract.js';
import { INTAKE_FLOW, readIntake } from './intake-state.js';
import type { PlaceFinder } from './places.js';
import { fileUrgent, URGENT_STATE_KEY, type UrgentOptions, type UrgentState } from './urgent.js';

/** How long after an urgent message every later message still gets an answer, even while staff own the chat. */
const URGENT_WINDOW_MS = 2 * 3_600_000;

export interface SafetyDeps {
  detector: EmergencyDetector;
  service: CaseService;
  places: PlaceFinder;
  /** The form's words (categories, employment, platforms), for the details told with the danger. */
  words: CaseWords;
  urgent?: UrgentOptions;
  /** The knowledge base, for a question asked in the same breath as the danger ("三角牌放到哪里才安全"). */
  knowledge?: Pick<KnowledgeProbe, 'keyFact'>;
  /** Whether a message asks something (core/question-forms). */
  asks?: (text: string) => boolean;
}

export interface SafetyCheck {
  /** Danger in this message: the numbers first, an urgent case, staff alerted; undefined when there is none. */
  check(ctx: TurnContext): Promise<SkillResult | undefined>;
  /**
   * A later message of a driver in an urgent case while staff own the chat: never silence. A phone number is put on the
   * case; anything else gets the numbers again and when staff are back.
   */
  afterUrgent(ctx: TurnContext): Promise<SkillResult | undefined>;
}

/**
 * Entries that say what to do on the road right now (the triangle 150 m back, where to stand). Questions of rights or
 * money asked beside a danger (算不算工伤) wait: an answer to them then would bury the numbers and may be the wrong one.
 */
const SAFETY_ADVICE_CATEGORIES = ['expressway'] as const;
/**
 * Only a crash or a breakdown-like danger on the road gets it: beside a fire the triangle would send the driver back to a
 * burning truck, and beside an attack, someone hurt or self-harm the numbers and staff come first and alone.
 */
const ADVISED_KINDS: readonly EmergencyKind[] = ['road-accident', 'danger'];

/**
 * The curated one-line answer to a question asked beside the danger, when the base clearly answers it: read in the whole
 * message, or in its last clause alone (a long story ending in the question).
 */
function adviceFor(deps: SafetyDeps, text: string): string | undefined {
  if (!deps.knowledge?.keyFact || !deps.asks?.(text)) return undefined;
  const last = text.split(CLAUSE_OR_PAUSE).filter(Boolean).at(-1);
  const advice = (t: string) => deps.knowledge?.keyFact?.(t, SAFETY_ADVICE_CATEGORIES);
  return advice(text) ?? (last && last !== text && deps.asks(last) ? advice(last) : undefined);
}

export function createSafetyCheck(deps: SafetyDeps): SafetyCheck {
  return {
    async check(ctx) {
      const kinds = deps.detector.detect(ctx.text);
      if (!kinds.length) return undefined;
      const form = ctx.state.flow?.name === INTAKE_FLOW ? readIntake(ctx.state.flow.data) : undefined;
      const found = extractSlots(ctx.text, { now: ctx.now, places: deps.places, location: ctx.location, words: deps.words });
      const filed = await fileUrgent(ctx, kinds, deps.service, deps.places, form?.slots ?? {}, ctx.state, found, deps.urgent);
      // Every kind of this emergency as fileUrgent recorded it, earlier messages' too: after a fire, no triangle advice.
      const told = (filed.state?.[URGENT_STATE_KEY] as UrgentState | undefined)?.kinds ?? kinds;
      const advice = told.every((k) => ADVISED_KINDS.includes(k)) ? adviceFor(deps, ctx.text) : undefined;
      if (!advice) return filed;
      // The numbers first, then what the base says to do (the triangle 150 m back), then the case and staff.
      const [numbers, ...rest] = filed.replies;
      return { ...filed, replies: numbers ? [numbers, { text: advice }, ...rest] : [{ text: advice }, ...rest] };
    },

    async afterUrgent(ctx) {
      const urgent = ctx.state[URGENT_STATE_KEY] as UrgentState | undefined;
      if (!urgent || ctx.now.getTime() - Date.parse(urgent.at) > URGENT_WINDOW_MS) return undefined;
      const phone = findPhone(ctx.text);
      const back = deps.urgent?.offHours?.(ctx.now);
      const staff = back ? `工作人员${back}上班后第一时间处理。` : '工作人员已经收到，会尽快联系您。';
      if (phone && urgent.caseNumber) {
        await deps.service.changePhone(urgent.caseNumber, { actor: 'driver', phone });
        const state = { ...ctx.state, [URGENT_STATE_KEY]: { ...urgent, phoneAsked: false } };
        return {
          intent: 'grievance',
          state,
          replies: [{ text: `记下了，回访电话${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}。${staff}\n${urgent.firstLine}` }],
        };
      }
      const which = urgent.caseNumber ? `您的紧急诉求${urgent.caseNumber}` : '您的紧急情况';
      return {
        intent: 'grievance',
        replies: [
          {
            text: `${urgent.firstLine}\n${which}${back ? `已登记，${staff}` : `，${staff}`}您说的情况我都记下了，工作人员能看到。`,
            speech: `${urgent.firstLine}${staff}`,
          },
        ],
      };
    },
  };
}
