// How a case is named to the driver: its category label and the callback question asked once it is resolved.
import { CATEGORY_INFO, type CaseCategory } from './categories.js';
import type { CaseRecord } from './case-store.js';

export function categoryLabel(category: string): string {
  return CATEGORY_INFO[category as CaseCategory]?.label ?? category;
}

export function callbackQuestion(record: Pick<CaseRecord, 'number' | 'category'>): string {
  return `回访：您反映的诉求${record.number}（${categoryLabel(record.category)}）已办结。请问问题真的解决了吗？请回复“已解决”或“没解决”，再给办理情况打个分（1到5分，5分最满意），比如“解决了，5分”。`;
}
