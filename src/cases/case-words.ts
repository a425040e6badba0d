// The words the grievance form understands drivers by (knowledge/lexicon/cases: categories, employment, platforms), compiled once and handed to slot extraction.
import type { CompiledRule, Lexicon, WordSet } from '../lexicon/compile.js';
import { CASE_CATEGORIES, CATEGORY_INFO, type CaseCategory } from './categories.js';

export interface CaseWords {
  /** One rule per category, named after it (truck-loan → truck_loan), the more specific first; the first match wins. */
  categories: readonly CompiledRule[];
  /** Rules `employed`, `owner-operator` (strong signals), `employer` (weak), `answer-employed`, `answer-owner-operator`. */
  employment: Record<'employed' | 'ownerOperator' | 'employer' | 'answerEmployed' | 'answerOwnerOperator', RegExp>;
  /** Freight platforms named as the other party. */
  platforms: WordSet;
}

const categoryOf = (ruleName: string) => ruleName.replace(/-/g, '_') as CaseCategory;

function rule(set: WordSet, name: string): RegExp {
  const found = set.rules.find((r) => r.name === name);
  if (!found) throw new Error(`knowledge/lexicon/${set.id}.yaml has no rule named ${name}`);
  return found.pattern;
}

/** A missing file or rule, or a category rule named after no category, is a start-up error naming it. */
export function caseWords(lexicon: Lexicon): CaseWords {
  const categories = lexicon.set('cases/categories');
  for (const r of categories.rules) {
    if (!(CASE_CATEGORIES as readonly string[]).includes(categoryOf(r.name))) {
      throw new Error(`knowledge/lexicon/cases/categories.yaml: rule ${r.name} names no category (${CASE_CATEGORIES.join(', ')})`);
    }
  }
  const employment = lexicon.set('cases/employment');
  return {
    categories: categories.rules,
    employment: {
      employed: rule(employment, 'employed'),
      ownerOperator: rule(employment, 'owner-operator'),
      employer: rule(employment, 'employer'),
      answerEmployed: rule(employment, 'answer-employed'),
      answerOwnerOperator: rule(employment, 'answer-owner-operator'),
    },
    platforms: lexicon.set('cases/platforms'),
  };
}

export function detectCategory(text: string, words: Pick<CaseWords, 'categories'>): CaseCategory | undefined {
  const found = words.categories.find((r) => r.pattern.test(text));
  return found ? categoryOf(found.name) : undefined;
}

/** Words a driver may answer with when asked for the category (also the quick replies). */
export function categoryFromLabel(text: string, words: Pick<CaseWords, 'categories'>): CaseCategory | undefined {
  const t = text.trim();
  const exact = CASE_CATEGORIES.find((c) => CATEGORY_INFO[c].label === t || CATEGORY_INFO[c].label.startsWith(t));
  if (exact) return exact;
  if (/^其他|^别的|^其它/.test(t)) return 'other';
  return detectCategory(t, words);
}
