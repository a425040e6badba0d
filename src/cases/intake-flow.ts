// The grievance intake: a form in the conversation that fills slots from free text, confirms, and files the case.
import { joinSpokenWords } from '../core/normalise.js';
import type { IntentDetector } from '../core/intent.js';
import type { QuestionForms } from '../core/question-forms.js';
import type { Flow, KnowledgeProbe, Reply, Skill, SkillResult, TurnContext } from '../core/types.js';
import { categoryHotline } from './advice.js';
import { CATEGORY_INFO } from './categories.js';
import { categoryFromLabel, type CaseWords } from './case-words.js';
import { parseBareAmount } from './chinese-number.js';
import { CANCEL, CORRECTION, detectUrgent, extractSlots, findEmployment, looksLikeBadPhone, NO, SKIP, YES, type ExtractedSlots } from './extract.js';
import type { CaseService } from './case-service.js';
import { findRestatedSpan, findStartedAt } from './dates.js';
import { INTAKE_FLOW, nextSlot, readIntake, type IntakeData, type IntakeSlots } from './intake-state.js';
import { cancelled, consentQuestion, consentRefused, filedReceipt, question, saidBack, summary } from './intake-text.js';
import type { PlaceFinder } from './places.js';
import { routeCase } from './routing.js';
import { fileUrgent, type UrgentOptions } from './urgent.js';
import { LAST_CASE_KEY } from './case-follow-up.js';
import { fromUrgentKind, type EmergencyDetector, type EmergencyKind } from './emergency.js';
import { fillGaps, modelCouldFill, type SlotModel } from './slot-model.js';
import { withState, merge, PAUSED_INTAKE_KEY, NO_PHONE_NOTE, correctDescription, hasAny, skipSlot } from './intake-slots.js';
export { PAUSED_INTAKE_KEY } from './intake-slots.js';
import type { ProblemSplitter } from './problem-split.js';
import { correctLinked, fileLinked, linkedReceipt, linkedSummary, offerAnswer, offerAnswered, offerReply, startLinked } from './linked-intake.js';

/** A reply that opens by taking back what was said (不对, 说错了): a value after it corrects, alone it answers nothing. */
const TAKES_BACK = /^(不对|不是|错了|说错了|搞错了|更正|有错)/;

export interface IntakeDeps {
  service: CaseService;
  places: PlaceFinder;
  knowledge?: KnowledgeProbe;
  detectIntent: IntentDetector;
  /** Whether a message asks or tells (knowledge/lexicon/core/question-forms.yaml). */
  question: QuestionForms;
  /** The form's words (knowledge/lexicon/cases). */
  words: CaseWords;
  /** Optional model that may fill slots the rules missed; its output is checked against the driver's words. */
  slotModel?: SlotModel;
  newId?: () => string;
  /** knowledge/lexicon/cases/intake-moves.yaml: corrections, giving up, coming back, no phone. */
  moves?: { matching(text: string): string[] };
  /** knowledge/lexicon/core/answers.yaml: yes and no the same on every channel. */
  answers?: { matching(text: string): string[] };
  /** The reviewed emergency words; without them the older built-in detector decides. */
  emergency?: EmergencyDetector;
  urgent?: UrgentOptions;
  /** knowledge/lexicon/cases/problem-split.yaml, compiled: two problems in one message are offered as linked cases. */
  splitter?: ProblemSplitter;
  /** knowledge/lexicon/cases/intake-moves.yaml negated-value: what a reply takes back after 不是. */
  negatedValue?: RegExp;
}

const OTHER_INTENTS = new Set(['faq', 'station', 'booking', 'case_status', 'handoff']);
const TIMEISH = /[年月日天周号时久前后早晚去今昨明上下半几多阵\d一二两三四五六七八九十]|最近|刚才|刚刚|过年|春节|端午|中秋|国庆/;
const BARE_ANSWER_MAX = 6;
const QUESTIONISH = /[?？]$|吗[?？。]?$|(怎么|咋个?|如何|哪里|哪儿|什么|啥|多少|几点|能不能|可不可以)/;

export function createIntake(deps: IntakeDeps): { flow: Flow; skill: Skill } {
  /** A wish to file and nothing else (我要投诉, 我有个事想反映): intake-moves#filing-only. Voice transcripts put
   *  pauses between words ("我 要 投诉"), which tell nothing, so the words are read without them. */
  const filingOnly = (text: string) => (deps.moves?.matching(joinSpokenWords(text)) ?? []).includes('filing-only');
  const { service, places } = deps;
  const newId = deps.newId ?? (() => globalThis.crypto.randomUUID());

  function dangerIn(text: string): EmergencyKind[] {
    if (deps.emergency) return deps.emergency.detect(text);
    const kind = detectUrgent(text);
    return kind ? fromUrgentKind(kind) : [];
  }

  function extract(ctx: TurnContext, text = ctx.text): ExtractedSlots {
    return extractSlots(text, { now: ctx.now, places, location: ctx.location, words: deps.words });
  }

  /** A reply read without the values it takes back ("三百不是五百" → 三百). */
  function withoutTakenBack(text: string): string {
    return deps.negatedValue ? text.replace(new RegExp(deps.negatedValue.source, `${deps.negatedValue.flags.replace('g', '')}g`), ' ') : text;
  }

  /** Interprets a reply to the question being asked when the general extraction found nothing for it. */
  function answerAsked(data: IntakeData, ctx: TurnContext): 'filled' | 'invalid' | 'none' {
    const slots = data.slots;
    const t = ctx.text.trim();
    const skip = SKIP.test(t);
    switch (data.asking) {
      case 'category': {
        const c = categoryFromLabel(t, deps.words);
        if (c) slots.category = c;
        else if (t.length >= 8) slots.category = 'other';
        else return 'invalid';
        if (slots.description === undefined && t.length >= 8) slots.description = t.slice(0, 500);
        return 'filled';
      }
      case 'description':
        if (t.length < 4 || filingOnly(t) || YES.test(t) || NO.test(t)) return 'invalid';
        slots.description = t.slice(0, 500);
        return 'filled';
      case 'counterpart':
        if (YES.test(t) || NO.test(t)) return 'invalid';
        slots.counterpart = skip ? null : t.replace(/^(是|叫|就是|对方是|他叫)/, '').slice(0, 60) || null;
        return 'filled';
      case 'amountYuan': {
        if (skip) return ((slots.amountYuan = null), 'filled');
        const n = parseBareAmount(t);
        if (n === undefined) return 'invalid';
        slots.amountYuan = n;
        return 'filled';
      }
      case 'startedAt': {
        if (skip) return ((slots.startedText = null), (slots.startedOn = null), 'filled');
        const s = findStartedAt(t, ctx.now);
        // "好久了" and "过年那阵" are kept as said; a word with nothing of time in it ("交警") is not a start.
        if (!s && !TIMEISH.test(t)) return 'invalid';
        slots.startedText = s?.text ?? t.slice(0, 30);
        slots.startedOn = s?.date ?? null;
        return 'filled';
      }
      case 'place':
        if (skip) {
          slots.countyCode = null;
          slots.placeLabel ??= null;
          return 'filled';
        }
        return 'invalid';
      case 'employment': {
        if (skip) return ((slots.employment = null), 'filled');
        const { answerEmployed, answerOwnerOperator } = deps.words.employment;
        const e = answerEmployed.test(t) ? 'employed' : answerOwnerOperator.test(t) ? 'owner_operator' : findEmployment(t, deps.words);
        if (!e) return 'invalid';
        slots.employment = e;
        return 'filled';
      }
      case 'phone':
        if (skip) return ((slots.phone = null), 'filled');
        return looksLikeBadPhone(t) || /\d/.test(t) ? 'invalid' : 'none';
      default:
        return 'none';
    }
  }

  function isInterruption(ctx: TurnContext, found: ExtractedSlots): boolean {
    if (hasAny(found) || YES.test(ctx.text) || NO.test(ctx.text) || SKIP.test(ctx.text)) return false;
    const intent = deps.detectIntent({ text: ctx.text, location: ctx.location }, deps.knowledge).intent;
    // Inside a form a bare word ("交警") is an answer, not a question about that topic.
    // Nor is a statement that asks nothing ("我是给他们开车的"), however well an entry matches its words.
    if (
      intent === 'faq' &&
      !QUESTIONISH.test(ctx.text) &&
      (Array.from(ctx.text.trim()).length <= BARE_ANSWER_MAX || !deps.question.asksExplicitly(ctx.text))
    )
      return false;
    if (OTHER_INTENTS.has(intent)) return true;
    return QUESTIONISH.test(ctx.text) && intent !== 'grievance';
  }

  /** Asks the next question, or moves to consent and then to the summary. */
  function advance(ctx: TurnContext, data: IntakeData, prefix?: string): SkillResult {
    const slot = nextSlot(data.slots);
    // A city without a county: ask for the county once, then accept the city.
    if (!slot && data.slots.cityCode && data.slots.countyCode === undefined && !data.askedCounty) data.askedCounty = true;
    let reply: Reply;
    // Whether to file a second problem too is answered before anything else is asked (also after a pause).
    if (data.linked && data.linked.accepted === undefined) reply = offerReply(data.linked);
    else if (slot) {
      if (slot !== data.asking) data.misses = 0;
      data.stage = 'collect';
      data.asking = slot;
      if (slot === 'place' && data.slots.cityCode) data.askedCounty = true;
      reply = question(slot, data.slots, places);
    } else if (data.slots.consent === undefined) {
      data.stage = 'consent';
      delete data.asking;
      reply = consentQuestion();
    } else {
      data.stage = 'confirm';
      delete data.asking;
      reply = summary(data.slots, preview(data.slots), places, data.linked?.accepted ? linkedSummary(data.linked) : undefined);
    }
    if (prefix) reply = { ...reply, text: `${prefix}\n${reply.text}`, ...(reply.speech ? { speech: `${prefix}${reply.speech}` } : {}) };
    return { replies: [reply], state: withState(ctx, data), intent: 'grievance' };
  }

  function preview(slots: IntakeSlots) {
    return routeCase(
      {
        category: slots.category ?? 'other',
        amountYuan: slots.amountYuan,
        countyCode: slots.countyCode,
        cityCode: slots.cityCode,
        priority: 'normal',
      },
      service.rules,
    );
  }

  async function file(ctx: TurnContext, data: IntakeData): Promise<SkillResult> {
    const s = data.slots;
    const { record } = await service.fileCase({
      driverId: ctx.driverId,
      conversationId: ctx.conversationId,
      channel: ctx.channel,
      intakeKey: data.intakeId,
      category: s.category ?? 'other',
      description: s.description ?? CATEGORY_INFO[s.category ?? 'other'].label,
      counterpart: s.counterpart,
      amountYuan: s.amountYuan,
      startedText: s.startedText,
      startedOn: s.startedOn,
      countyCode: s.countyCode,
      cityCode: s.cityCode,
      employment: s.employment,
      phone: s.phone,
      consent: true,
    });
    const second = await fileLinked(service, ctx, data, record);
    return {
      replies: [second ? linkedReceipt(record, second, service.rules, places) : filedReceipt(record.number, record, service.rules, places)],
      state: { ...withState(ctx, undefined), [LAST_CASE_KEY]: record.number },
      intent: 'grievance',
    };
  }

  /** The model (when configured) may add what the rules missed in a story or a free-text answer, never change what was said. */
  async function fill(ctx: TurnContext, data: IntakeData, found: ExtractedSlots): Promise<void> {
    if (!deps.slotModel || data.stage !== 'collect' || !modelCouldFill(found, data.slots)) return;
    const extra = await deps.slotModel.extract(ctx.text, { now: ctx.now, places }).catch(() => ({}));
    fillGaps(found, data.slots, extra);
  }

  async function continueIntake(ctx: TurnContext): Promise<SkillResult | undefined> {
    const data = readIntake(ctx.state.flow?.data);
    if (!data) return { replies: [cancelled()], state: withState(ctx, undefined) };
    const text = ctx.text.trim();
    const urgent = dangerIn(text);
    if (urgent.length) return fileUrgent(ctx, urgent, service, places, data.slots, withState(ctx, undefined), {}, deps.urgent);
    const moves = deps.moves?.matching(text) ?? [];
    if (CANCEL.test(text) || moves.includes('give-up')) {
      const reply = cancelled();
      return {
        replies: [
          {
            ...reply,
            text: `${reply.text}想接着办就说“继续登记”，刚才说的我还留着。`,
            speech: `${reply.speech ?? reply.text}想接着办就说继续登记。`,
          },
        ],
        state: { ...withState(ctx, undefined), [PAUSED_INTAKE_KEY]: data },
        intent: 'grievance',
      };
    }

    const found = extract(ctx, withoutTakenBack(ctx.text));
    const takesBack = TAKES_BACK.test(text);
    // "不对 是两个月": after a start already given, a bare span corrects it.
    if (takesBack && !found.startedAt && data.slots.startedText) {
      const span = findRestatedSpan(text, ctx.now);
      if (span) found.startedAt = span;
    }
    if (data.linked && data.linked.accepted === undefined) {
      const answer = offerAnswer(text, deps.answers);
      if (answer) return advance(ctx, data, offerAnswered(data, answer));
      if (isInterruption(ctx, found)) return undefined;
      // Asked twice without a yes or no: carry on with the first problem rather than trap the driver in the question.
      if (++data.linked.misses >= 2) return advance(ctx, data, `${offerAnswered(data, 'no')}另一件可以之后再说“我要反映问题”登记。`);
      const offer = offerReply(data.linked);
      return { replies: [{ ...offer, text: `请回复“好的”或“不用”。\n${offer.text}` }], state: withState(ctx, data), intent: 'grievance' };
    }
    if (correctLinked(data, found, text, deps.splitter)) return advance(ctx, data, '好的，已修改。');
    await fill(ctx, data, found);
    const noPhone = moves.includes('no-phone');
    if (noPhone) found.phone = null;
    const correcting = (CORRECTION.test(text) || moves.includes('correction')) && hasAny(found);
    const oldPlace = data.slots.placeLabel;

    if (data.stage === 'consent') {
      const answer = deps.answers?.matching(text) ?? [];
      if ((/^(不同意|不愿意|不可以)/.test(text) || NO.test(text) || answer.includes('no') || /^不[。！!]?$/.test(text)) && !hasAny(found))
        return { replies: [consentRefused()], state: withState(ctx, undefined), intent: 'grievance' };
      if (YES.test(text) || answer.includes('yes') || /^同意/.test(text)) {
        data.slots.consent = true;
        return advance(ctx, data);
      }
      if (hasAny(found)) {
        const changed = merge(data.slots, found, true, undefined);
        correctDescription(data.slots, oldPlace, changed, text);
        return advance(ctx, data, noPhone ? NO_PHONE_NOTE : saidBack(changed, data.slots));
      }
      if (isInterruption(ctx, found)) return undefined;
      return {
        replies: [{ ...consentQuestion(), text: `请回复“同意”或“不同意”。\n${consentQuestion().text}` }],
        state: withState(ctx, data),
        intent: 'grievance',
      };
    }

    if (data.stage === 'confirm') {
      if ((YES.test(text) || deps.answers?.matching(text).includes('yes')) && !hasAny(found)) return file(ctx, data);
      if (hasAny(found)) {
        const changed = merge(data.slots, found, true, undefined);
        correctDescription(data.slots, oldPlace, changed, text);
        return advance(ctx, data, noPhone ? NO_PHONE_NOTE : saidBack(changed, data.slots));
      }
      const change = /电话|手机|号码/.test(text)
        ? 'phone'
        : /金额|钱|多少/.test(text)
          ? 'amountYuan'
          : /地方|地点|区县|哪里/.test(text)
            ? 'place'
            : /对方|公司|老板/.test(text)
              ? 'counterpart'
              : /时间|时候/.test(text)
                ? 'startedAt'
                : /类别|类型/.test(text)
                  ? 'category'
                  : undefined;
      if (change) {
        data.stage = 'collect';
        data.asking = change;
        if (change === 'place') delete data.slots.countyCode;
        return { replies: [question(change, data.slots, places)], state: withState(ctx, data), intent: 'grievance' };
      }
      if (NO.test(text) || /^(不对|不是|错了|有错)/.test(text)) {
        return {
          replies: [{ text: '哪里不对？直接说改成什么，比如“金额是三万”“电话是13800000000”“地点是金堂”。', quickReplies: ['确认', '算了'] }],
          state: withState(ctx, data),
          intent: 'grievance',
        };
      }
      if (isInterruption(ctx, found)) return undefined;
      return {
        replies: [{ text: '没问题请回复“确认”，要改直接说改成什么，不办了说“算了”。', quickReplies: ['确认', '算了'] }],
        state: withState(ctx, data),
        intent: 'grievance',
      };
    }

    // Collecting slots.
    if (filingOnly(text)) return advance(ctx, data, '好的，我们接着登记。');
    // Something taken back with nothing to put in its place is no answer to the question asked ("不对" to "对方是谁？").
    if (takesBack && !hasAny(found) && data.asking) {
      const asked = question(data.asking, data.slots, places);
      return {
        replies: [{ ...asked, text: `哪一项不对？直接说改成什么，比如“金额是三万”“地点是金堂”。${asked.text}` }],
        state: withState(ctx, data),
        intent: 'grievance',
      };
    }
    const changed = merge(data.slots, found, correcting || noPhone, data.asking);
    if (correcting) correctDescription(data.slots, oldPlace, changed, text);
    let askedResult: ReturnType<typeof answerAsked> = 'none';
    // A reply that filled another slot ("成都的" to "who is it?") is not also a free-text answer to the asked one: ask again.
    const answeredOther = changed.length > 0 && (data.asking === 'counterpart' || data.asking === 'startedAt');
    // A correction of another field ("金额是二十五万" to the phone question) answers nothing asked: the question comes again.
    const correctedOther = correcting && changed.length > 0;
    if (data.asking && !changed.includes(data.asking) && nextSlot(data.slots) === data.asking && !answeredOther && !correctedOther) {
      if (isInterruption(ctx, found)) return undefined;
      askedResult = answerAsked(data, ctx);
    }
    if (askedResult === 'invalid' || (askedResult === 'none' && !changed.length && data.asking)) {
      data.misses += 1;
      if (data.asking === 'phone' && (looksLikeBadPhone(text) || /\d/.test(text))) {
        return {
          replies: [{ text: '这个号码好像不对，请发11位手机号，比如13812345678；不想留就说“不留”。', quickReplies: ['不留'] }],
          state: withState(ctx, data),
          intent: 'grievance',
        };
      }
      if (data.asking === 'place' && data.misses < 2) {
        return {
          replies: [{ ...question('place', data.slots, places), text: `没找到这个地方，请说四川的区县名，比如“金堂”“沿滩区”。不清楚就说“不知道”。` }],
          state: withState(ctx, data),
          intent: 'grievance',
        };
      }
      // Asked twice without an answer: move on rather than trap the driver in the form.
      if (data.misses >= 2 && data.asking) {
        skipSlot(data);
        return advance(ctx, data, '这一项先空着，工作人员办理时会再问您。');
      }
      return {
        replies: [
          {
            ...question(data.asking ?? 'description', data.slots, places),
            text: `没太听明白。${question(data.asking ?? 'description', data.slots, places).text}`,
          },
        ],
        state: withState(ctx, data),
        intent: 'grievance',
      };
    }
    // The driver answered something else than was asked: say it was noted, so asking again does not sound deaf.
    const notedOther = answeredOther && !changed.includes(data.asking ?? 'description') && nextSlot(data.slots) === data.asking;
    return advance(ctx, data, noPhone ? NO_PHONE_NOTE : correcting ? saidBack(changed, data.slots) : notedOther ? '好的，记下了。' : undefined);
  }

  const flow: Flow = {
    name: INTAKE_FLOW,
    continue: continueIntake,
    resumePrompt(ctx) {
      const data = readIntake(ctx.state.flow?.name === INTAKE_FLOW ? ctx.state.flow.data : undefined);
      if (!data) return undefined;
      const q =
        data.linked && data.linked.accepted === undefined
          ? offerReply(data.linked)
          : data.stage === 'consent'
            ? consentQuestion()
            : data.stage === 'confirm'
              ? { text: '请回复“确认”登记，或直接说要改什么。' }
              : question(data.asking ?? 'description', data.slots, places);
      return { ...q, text: `（接着登记您的诉求）${q.text}` };
    },
  };

  const skill: Skill = {
    async handle(ctx) {
      const paused = readIntake(ctx.state[PAUSED_INTAKE_KEY] as Record<string, unknown> | undefined);
      const moves = deps.moves?.matching(ctx.text.trim()) ?? [];
      if (paused && (moves.includes('resume') || filingOnly(ctx.text.trim()))) {
        const state = { ...ctx.state };
        delete state[PAUSED_INTAKE_KEY];
        return advance({ ...ctx, state }, paused, '好的，接着刚才的登记。');
      }
      const urgent = dangerIn(ctx.text);
      const found = extract(ctx);
      if (urgent.length) return fileUrgent(ctx, urgent, service, places, {}, ctx.state, found, deps.urgent);
      const data: IntakeData = { intakeId: newId(), stage: 'collect', slots: {}, misses: 0 };
      const split = deps.splitter?.split(ctx.text, { now: ctx.now, places, location: ctx.location, words: deps.words });
      if (split) {
        startLinked(data, split, found);
        return advance(ctx, data);
      }
      await fill(ctx, data, found);
      merge(data.slots, found, false, undefined);
      const story = !filingOnly(ctx.text.trim()) && ctx.text.trim().length >= 4;
      if (story) data.slots.description = ctx.text.trim().slice(0, 500);
      // A story with its own details ("押金五千块，德阳鑫盛物流不退") needs no category question: staff file it under 其他.
      if (story && !data.slots.category && (data.slots.amountYuan || data.slots.counterpart)) data.slots.category = 'other';
      // A crime (套路贷, theft) or an insurer dispute has its own line: say so first, not only in the closing summary.
      // A story the knowledge base clearly answers ("挂靠的车撞了人") also gets that answer's key fact: the driver
      // learns where they stand while the case is taken down.
      // A bare "我要投诉" tells nothing about the story: no fact for it.
      const lead = [data.slots.category ? categoryHotline(data.slots.category) : undefined, story ? deps.knowledge?.keyFact?.(ctx.text) : undefined]
        .filter(Boolean)
        .join('\n');
      return advance(ctx, data, lead || undefined);
    },
  };

  return { flow, skill };
}
