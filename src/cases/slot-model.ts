// An optional model that proposes intake slots; its structured output is zod-validated and kept only where the driver's words back it.
import { z } from 'zod';
import { CASE_CATEGORIES } from './categories.js';
import { findAmount, parseBareAmount } from './chinese-number.js';
import { findPhone, type ExtractedSlots } from './extract.js';
import type { PlaceFinder } from './places.js';

export interface SlotModel {
  extract(text: string, ctx: { now: Date; places: PlaceFinder }): Promise<ExtractedSlots>;
}

/** The structured output a model must return; every field optional, nothing else allowed. */
export const modelSlotsSchema = z.strictObject({
  category: z.enum(CASE_CATEGORIES).optional(),
  amountYuan: z.number().int().positive().max(1_000_000_000).optional(),
  counterpart: z.string().trim().min(1).max(60).optional(),
  county: z.string().trim().min(2).max(20).optional(),
  employment: z.enum(['employed', 'owner_operator']).optional(),
  phone: z
    .string()
    .regex(/^1[3-9]\d{9}$/)
    .optional(),
});

/**
 * Keeps a model's proposal only where the text supports it: the counterpart and county must appear verbatim,
 * the amount and phone must be what the rules parse from the same words. A model can fill gaps, never invent.
 */
export function acceptModelSlots(raw: unknown, text: string, places: PlaceFinder): ExtractedSlots {
  const parsed = modelSlotsSchema.safeParse(raw);
  if (!parsed.success) return {};
  const p = parsed.data;
  const out: ExtractedSlots = {};
  if (p.category) out.category = p.category;
  if (p.amountYuan !== undefined && (findAmount(text) === p.amountYuan || parseBareAmount(text) === p.amountYuan)) out.amountYuan = p.amountYuan;
  if (p.counterpart && text.includes(p.counterpart)) out.counterpart = p.counterpart;
  if (p.county && text.includes(p.county)) {
    const place = places.find(p.county);
    if (place) out.place = place;
  }
  if (p.employment) out.employment = p.employment;
  if (p.phone && findPhone(text) === p.phone) out.phone = p.phone;
  return out;
}

/** Wraps a function that returns the model's raw JSON into a guarded SlotModel. */
export function guardedSlotModel(propose: (text: string) => Promise<unknown>): SlotModel {
  return {
    async extract(text, ctx) {
      return acceptModelSlots(await propose(text), text, ctx.places);
    },
  };
}
