// The words drivers name grievance categories by (knowledge/lexicon/cases/categories.yaml), compiled for the slot extraction; first rule in file order wins.
import type { Lexicon, WordSet } from '../lexicon/compile.js';
import { CASE_CATEGORIES, CATEGORY_INFO, type CaseCategory } from './categories.js';

export interface CategoryWords {
  /** One rule per category, named after it (truck-loan → truck_loan), the more specific first. */
  rules: WordSet['rules'];
}

const categoryOf = (ruleName: string) => ruleName.replace(/-/g, '_') as CaseCategory;

/** A missing file or a rule named after no category is a start-up error naming it. */
export function categoryWords(lexicon: Lexicon): CategoryWords {
  const set = lexicon.set('cases/categories');
  for (const rule of set.rules) {
    if (!(CASE_CATEGORIES as readonly string[]).includes(categoryOf(rule.name))) {
      throw new Error(`knowledge/lexicon/cases/categories.yaml: rule ${rule.name} names no category (${CASE_CATEGORIES.join(', ')})`);
    }
  }
  return { rules: set.rules };
}

export function detectCategory(text: string, words: CategoryWords): CaseCategory | undefined {
  const rule = words.rules.find((r) => r.pattern.test(text));
  return rule ? categoryOf(rule.name) : undefined;
}

/** Words a driver may answer with when asked for the category (also the quick replies). */
export function categoryFromLabel(text: string, words: CategoryWords): CaseCategory | undefined {
  const t = text.trim();
  const exact = CASE_CATEGORIES.find((c) => CATEGORY_INFO[c].label === t || CATEGORY_INFO[c].label.startsWith(t));
  if (exact) return exact;
  if (/^其他|^别的|^其它/.test(t)) return 'other';
  return detectCategory(t, words);
}
