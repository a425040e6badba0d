// An optional model that proposes intake slots; its structured output is zod-validated and kept only where the driver's words back it.
import { z } from 'zod';
import type { Logger } from '../log.js';
import { CASE_CATEGORIES } from './categories.js';
import { isGenericParty, saysCategory, type CaseWords } from './case-words.js';
import { findAmount, parseBareAmount } from './chinese-number.js';
import { findPhone, type ExtractedSlots } from './extract.js';
import { isFilled, type IntakeSlots } from './intake-state.js';
import type { PlaceFinder } from './places.js';

export interface SlotModel {
  extract(text: string, ctx: { now: Date; places: PlaceFinder }): Promise<ExtractedSlots>;
}

/** What backs a proposal: the form's words (categories, their weaker support, employment, generic parties). */
export type SlotWords = Pick<CaseWords, 'categories' | 'categorySupport' | 'employment' | 'genericParties'>;

/** The structured output a model must return; every field optional (null counts as not said), nothing else allowed. */
export const modelSlotsSchema = z.preprocess(
  (raw) => (raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null)) : raw),
  z.strictObject({
    category: z.enum(CASE_CATEGORIES).optional(),
    amountYuan: z.number().int().positive().max(1_000_000_000).optional(),
    counterpart: z.string().trim().min(1).max(60).optional(),
    county: z.string().trim().min(2).max(20).optional(),
    employment: z.enum(['employed', 'owner_operator']).optional(),
    phone: z
      .string()
      .regex(/^1[3-9]\d{9}$/)
      .optional(),
  }),
);

export interface SlotJudgement {
  accepted: ExtractedSlots;
  /** The proposed fields that were dropped (names only: never the driver's words), or ['reply'] for an invalid reply. */
  rejected: string[];
}

/** A counterpart staff could act on: said verbatim, a name rather than digits (a phone, a plate) or a kind of party (老板, 物流公司). */
function backedCounterpart(name: string, text: string, words: SlotWords): boolean {
  return Array.from(name).length >= 2 && text.includes(name) && !/^[\d\s\-+]+$/u.test(name) && !isGenericParty(name, words);
}

function backedEmployment(value: 'employed' | 'owner_operator', text: string, words: SlotWords): boolean {
  const e = words.employment;
  return value === 'employed' ? e.employed.test(text) || e.employer.test(text) : e.ownerOperator.test(text);
}

/**
 * Keeps a model's proposal only where the text supports it: the counterpart and county must appear verbatim (and the
 * counterpart be a name, not 老板 or digits), the amount and phone must be what the rules parse from the same words, the
 * category and employment need words that say them. A model can fill gaps, never invent.
 */
export function judgeModelSlots(raw: unknown, text: string, places: PlaceFinder, words: SlotWords): SlotJudgement {
  const parsed = modelSlotsSchema.safeParse(raw);
  if (!parsed.success) return { accepted: {}, rejected: ['reply'] };
  const p = parsed.data;
  const out: ExtractedSlots = {};
  const rejected: string[] = [];
  const keep = (field: string, ok: boolean, apply: () => void) => (ok ? apply() : rejected.push(field));
  if (p.category) keep('category', saysCategory(text, p.category, words), () => (out.category = p.category));
  if (p.amountYuan !== undefined) {
    const said = findAmount(text) === p.amountYuan || parseBareAmount(text) === p.amountYuan;
    keep('amountYuan', said, () => (out.amountYuan = p.amountYuan));
  }
  if (p.counterpart) keep('counterpart', backedCounterpart(p.counterpart, text, words), () => (out.counterpart = p.counterpart));
  if (p.county) {
    const place = text.includes(p.county) ? places.find(p.county) : undefined;
    keep('county', place !== undefined, () => (out.place = place));
  }
  if (p.employment) keep('employment', backedEmployment(p.employment, text, words), () => (out.employment = p.employment));
  if (p.phone) keep('phone', findPhone(text) === p.phone, () => (out.phone = p.phone));
  return { accepted: out, rejected };
}

export function acceptModelSlots(raw: unknown, text: string, places: PlaceFinder, words: SlotWords): ExtractedSlots {
  return judgeModelSlots(raw, text, places, words).accepted;
}

/** Wraps a function that returns the model's raw JSON into a guarded SlotModel; what it drops is logged by field name and length only. */
export function guardedSlotModel(propose: (text: string) => Promise<unknown>, words: SlotWords, log?: Logger): SlotModel {
  return {
    async extract(text, ctx) {
      const { accepted, rejected } = judgeModelSlots(await propose(text), text, ctx.places, words);
      if (rejected.length) log?.warn('model slots not backed by the driver’s words, dropped', { fields: rejected, chars: text.length });
      return accepted;
    },
  };
}

const FIELD_FILLED: Record<keyof ExtractedSlots, (s: IntakeSlots) => boolean> = {
  category: (s) => isFilled(s, 'category'),
  amountYuan: (s) => isFilled(s, 'amountYuan'),
  startedAt: (s) => isFilled(s, 'startedAt'),
  place: (s) => isFilled(s, 'place'),
  counterpart: (s) => isFilled(s, 'counterpart'),
  employment: (s) => isFilled(s, 'employment'),
  phone: (s) => isFilled(s, 'phone'),
};
const MODEL_FIELDS = ['category', 'amountYuan', 'place', 'counterpart', 'employment', 'phone'] as const;

/** Whether the model could still add anything: a field it may propose that neither the rules this turn nor the form has. */
export function modelCouldFill(found: ExtractedSlots, slots: IntakeSlots): boolean {
  return MODEL_FIELDS.some((k) => found[k] === undefined && !FIELD_FILLED[k](slots));
}

/** Adds the model's slots where the rules found nothing this turn and the form holds nothing yet: the rules and the driver win. */
export function fillGaps(found: ExtractedSlots, slots: IntakeSlots, extra: ExtractedSlots): void {
  for (const k of MODEL_FIELDS) {
    if (extra[k] === undefined || found[k] !== undefined || FIELD_FILLED[k](slots)) continue;
    (found as Record<string, unknown>)[k] = extra[k];
  }
}
