// Grievance intake form state (kept in the conversation's flow state) and the order in which slots are asked.
import { CATEGORY_INFO, type CaseCategory } from './categories.js';
import type { Employment } from './extract.js';

export const INTAKE_FLOW = 'grievance';

export type SlotName = 'category' | 'description' | 'counterpart' | 'amountYuan' | 'startedAt' | 'place' | 'employment' | 'phone';

export interface IntakeSlots {
  category?: CaseCategory;
  description?: string;
  /** null: the driver does not know or does not want to say. */
  counterpart?: string | null;
  amountYuan?: number | null;
  startedText?: string | null;
  startedOn?: string | null;
  countyCode?: string | null;
  cityCode?: string | null;
  placeLabel?: string | null;
  employment?: Employment | null;
  phone?: string | null;
  consent?: boolean;
}

/** The second of two problems told in one message, kept apart from the form's slots until it is filed linked to the first. */
export interface LinkedProblem {
  /** Undefined until the driver answers the offer to file both. */
  accepted?: boolean;
  /** Replies to the offer that were neither yes nor no. */
  misses: number;
  firstLabel: string;
  label: string;
  category: CaseCategory;
  description: string;
  amountYuan: number | null;
  counterpart: string | null;
  startedText: string | null;
  startedOn: string | null;
}

export interface IntakeData {
  intakeId: string;
  stage: 'collect' | 'consent' | 'confirm';
  asking?: SlotName;
  slots: IntakeSlots;
  /** Times the current question went unanswered, so the form can move on instead of looping. */
  misses: number;
  /** The county was asked once already after only a city was named. */
  askedCounty?: boolean;
  /** A second problem told in the same message (src/cases/linked-intake.ts). */
  linked?: LinkedProblem;
}

export function isFilled(slots: IntakeSlots, slot: SlotName): boolean {
  switch (slot) {
    case 'startedAt':
      return slots.startedText !== undefined;
    case 'place':
      return slots.countyCode !== undefined;
    default:
      return slots[slot] !== undefined;
  }
}

/** The next slot to ask for, or undefined when the form is complete. */
export function nextSlot(slots: IntakeSlots): SlotName | undefined {
  const order: SlotName[] = ['category', 'description', 'counterpart', 'amountYuan', 'startedAt', 'place', 'employment', 'phone'];
  const info = slots.category ? CATEGORY_INFO[slots.category] : undefined;
  for (const slot of order) {
    if (slot === 'amountYuan' && info && !info.asksAmount) continue;
    if (slot === 'employment' && info && !info.asksEmployment) continue;
    if (slot === 'counterpart' && slots.category === 'family') continue;
    if (!isFilled(slots, slot)) return slot;
  }
  return undefined;
}

export function readIntake(data: Record<string, unknown> | undefined): IntakeData | undefined {
  if (!data || typeof data.intakeId !== 'string' || typeof data.slots !== 'object' || data.slots === null) return undefined;
  return data as unknown as IntakeData;
}
