// The form's slots: merging what the driver said, corrections to the 经过 text, skipping a question, and the state it lives in.
import type { FlowState, TurnContext } from '../core/types.js';
import { CATEGORY_INFO } from './categories.js';
import { type ExtractedSlots } from './extract.js';
import { INTAKE_FLOW, type IntakeData, type IntakeSlots, type SlotName } from './intake-state.js';

export function withState(ctx: TurnContext, data: IntakeData | undefined): FlowState {
  const state: FlowState = { ...ctx.state };
  if (data)
    state.flow = {
      name: INTAKE_FLOW,
      data: data as unknown as Record<string, unknown>,
      startedAt: ctx.state.flow?.startedAt ?? ctx.now.toISOString(),
    };
  else delete state.flow;
  return state;
}

/** Merges extracted values; `overwrite` lets a correction or a confirmation-stage change replace what was said. */
export function merge(slots: IntakeSlots, found: ExtractedSlots, overwrite: boolean, asking: SlotName | undefined): string[] {
  const changed: string[] = [];
  const put = <K extends keyof IntakeSlots>(key: K, value: IntakeSlots[K], slot: SlotName) => {
    if (value === undefined) return;
    if (slots[key] !== undefined && slots[key] !== null && !overwrite && asking !== slot) return;
    if (slots[key] !== value) changed.push(slot);
    slots[key] = value;
  };
  if (found.category && (slots.category === undefined || overwrite || asking === 'category')) put('category', found.category, 'category');
  put('amountYuan', found.amountYuan, 'amountYuan');
  if (found.startedAt) {
    put('startedText', found.startedAt.text, 'startedAt');
    if (changed.includes('startedAt') || slots.startedOn === undefined) slots.startedOn = found.startedAt.date;
  }
  if (found.place) {
    // A correction naming only a city ("是在广元") replaces the county said before it.
    const better = found.place.countyCode || !slots.countyCode || (overwrite && found.place.cityCode !== slots.cityCode);
    if (better) {
      if (overwrite && !found.place.countyCode && found.place.cityCode !== slots.cityCode) delete slots.countyCode;
      put('countyCode', found.place.countyCode ?? (slots.cityCode === found.place.cityCode ? slots.countyCode : undefined), 'place');
      if (slots.cityCode !== found.place.cityCode) changed.push('place');
      slots.cityCode = found.place.cityCode;
      slots.placeLabel = found.place.label;
      if (!found.place.countyCode && slots.countyCode === undefined) delete slots.countyCode;
    }
  }
  put('counterpart', found.counterpart, 'counterpart');
  put('employment', found.employment, 'employment');
  put('phone', found.phone, 'phone');
  return changed;
}

/** Where a form given up is kept, so "继续登记" picks it up again. */
export const PAUSED_INTAKE_KEY = 'pausedIntake';
export const NO_PHONE_NOTE = '好的，不留电话也能登记：办理结果会在这里回复您，请常来看消息；没有电话，承办单位就没法打电话回访，有事只能在这里找您。';

/** A correction changes what the 经过 text says too: the old place is replaced, any other change noted under it. */
export function correctDescription(slots: IntakeSlots, oldPlace: string | null | undefined, changed: string[], said: string): void {
  // A new phone number is no part of what happened.
  if (!slots.description || !changed.some((slot) => slot !== 'phone')) return;
  let d = slots.description;
  if (changed.includes('place') && oldPlace && slots.placeLabel && d.includes(oldPlace)) d = d.split(oldPlace).join(slots.placeLabel);
  else d = `${d}\n（更正：${said}）`;
  slots.description = d.slice(0, 500);
}

export function hasAny(found: ExtractedSlots): boolean {
  return Object.keys(found).length > 0;
}

export function skipSlot(data: IntakeData): void {
  const s = data.slots;
  switch (data.asking) {
    case 'category':
      s.category = 'other';
      break;
    case 'description':
      s.description = CATEGORY_INFO[s.category ?? 'other'].label;
      break;
    case 'counterpart':
      s.counterpart = null;
      break;
    case 'amountYuan':
      s.amountYuan = null;
      break;
    case 'startedAt':
      s.startedText = null;
      s.startedOn = null;
      break;
    case 'place':
      s.countyCode = null;
      s.placeLabel ??= null;
      break;
    case 'employment':
      s.employment = null;
      break;
    case 'phone':
      s.phone = null;
      break;
  }
  data.misses = 0;
}
