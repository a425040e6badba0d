// Routing rules as data (knowledge/routing/rules.json, validated with zod): which level and desk a case goes to.
import { z } from 'zod';
import { CASE_LEVELS, CASE_PRIORITIES, type CaseLevel, type CasePriority } from './case-enums.js';
import { CASE_CATEGORIES, type CaseCategory } from './categories.js';

export { CASE_LEVELS, type CaseLevel, type CasePriority };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const routingRulesSchema = z.strictObject({
  $comment: z.string().optional(),
  defaultLevel: z.enum(CASE_LEVELS),
  provinceCode: z.string().regex(/^\d{6}$/),
  rules: z.array(
    z.strictObject({
      id: z.string().min(1),
      when: z
        .strictObject({
          categories: z.array(z.enum(CASE_CATEGORIES)).min(1).optional(),
          minAmountYuan: z.number().int().positive().optional(),
          priority: z.enum(CASE_PRIORITIES).optional(),
        })
        .refine((w) => Object.keys(w).length > 0, 'a rule needs at least one condition'),
      level: z.enum(CASE_LEVELS),
      priority: z.enum(CASE_PRIORITIES).optional(),
      why: z.string().min(1),
    }),
  ),
  deadlines: z.strictObject({
    transferHours: z.number().positive().max(72),
    feedbackWorkingDays: z.number().int().min(1).max(30),
    opinionWorkingDays: z.number().int().min(1).max(60),
    callbackWorkingDays: z.number().int().min(1).max(30),
  }),
  calendar: z.strictObject({
    /** Official days off (a holiday's weekend days may be listed too; staff rotas with weekend hours need them). */
    holidays: z.array(isoDate),
    /** Weekend days that are working days (调休). */
    workingWeekends: z.array(isoDate),
  }),
});
export type RoutingRules = z.infer<typeof routingRulesSchema>;

/** Validates already-parsed rules; `label` names the source in the error. */
export function parseRoutingRules(json: unknown, label = 'routing rules'): RoutingRules {
  const parsed = routingRulesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${label}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export interface RouteInput {
  category: CaseCategory;
  amountYuan?: number | null;
  countyCode?: string | null;
  cityCode?: string | null;
  priority: CasePriority;
}

export interface Route {
  level: CaseLevel;
  desk: string;
  priority: CasePriority;
  /** The rule that raised the level, if any. */
  ruleId?: string;
}

const LEVEL_RANK: Record<CaseLevel, number> = { county: 0, city: 1, province: 2 };
const PRIORITY_RANK: Record<CasePriority, number> = { normal: 0, high: 1, urgent: 2 };

/** A desk code per level and division: county:510121, city:510100, province:510000. */
export function deskFor(
  level: CaseLevel,
  place: { countyCode?: string | null; cityCode?: string | null },
  provinceCode: string,
): { level: CaseLevel; desk: string } {
  if (level === 'county' && place.countyCode) return { level, desk: `county:${place.countyCode}` };
  if ((level === 'county' || level === 'city') && place.cityCode) return { level: 'city', desk: `city:${place.cityCode}` };
  return { level: 'province', desk: `province:${provinceCode}` };
}

export function routeCase(input: RouteInput, rules: RoutingRules): Route {
  let level: CaseLevel = rules.defaultLevel;
  let priority = input.priority;
  let ruleId: string | undefined;
  for (const rule of rules.rules) {
    const w = rule.when;
    if (w.categories && !w.categories.includes(input.category)) continue;
    if (w.minAmountYuan !== undefined && !(input.amountYuan && input.amountYuan >= w.minAmountYuan)) continue;
    if (w.priority && w.priority !== input.priority) continue;
    if (LEVEL_RANK[rule.level] > LEVEL_RANK[level]) {
      level = rule.level;
      ruleId = rule.id;
    }
    if (rule.priority && PRIORITY_RANK[rule.priority] > PRIORITY_RANK[priority]) priority = rule.priority;
  }
  // Without a county the county desk is unknown: the case goes up to whoever covers the place named.
  const desk = deskFor(level, input, rules.provinceCode);
  return { ...desk, priority, ...(ruleId || desk.level !== level ? { ruleId: ruleId ?? 'no-county' } : {}) };
}

/** One level up for an overdue case; the province stays the province. */
export function nextLevel(level: CaseLevel): CaseLevel {
  return level === 'county' ? 'city' : 'province';
}
