// The words the grievance form understands drivers by (knowledge/lexicon/cases: categories, employment, platforms, and what backs a model's proposal), compiled once and handed to slot extraction.
import type { CompiledRule, Lexicon, WordSet } from '../lexicon/compile.js';
import { CASE_CATEGORIES, CATEGORY_INFO, type CaseCategory } from './categories.js';

export interface CaseWords {
  /** One rule per category, named after it (truck-loan → truck_loan), the more specific first; the first match wins. */
  categories: readonly CompiledRule[];
  /** Rules `employed`, `owner-operator` (strong signals), `employer` (weak), `answer-employed`, `answer-owner-operator`. */
  employment: Record<'employed' | 'ownerOperator' | 'employer' | 'answerEmployed' | 'answerOwnerOperator', RegExp>;
  /** Freight platforms named as the other party. */
  platforms: WordSet;
  /** Weaker words per category (cases/category-support.yaml) that back a model's category but never decide one alone. */
  categorySupport: readonly CompiledRule[];
  /** Kinds of party, not parties (cases/generic-parties.yaml): `parties` matches such a word whole, `leadIns` the words before one. */
  genericParties: { parties: RegExp; leadIns: RegExp };
}

const categoryOf = (ruleName: string) => ruleName.replace(/-/g, '_') as CaseCategory;

function rule(set: WordSet, name: string): RegExp {
  const found = set.rules.find((r) => r.name === name);
  if (!found) throw new Error(`knowledge/lexicon/${set.id}.yaml has no rule named ${name}`);
  return found.pattern;
}

function categoryRules(lexicon: Lexicon, id: string): readonly CompiledRule[] {
  const set = lexicon.set(id);
  for (const r of set.rules) {
    if (!(CASE_CATEGORIES as readonly string[]).includes(categoryOf(r.name))) {
      throw new Error(`knowledge/lexicon/${id}.yaml: rule ${r.name} names no category (${CASE_CATEGORIES.join(', ')})`);
    }
  }
  return set.rules;
}

/** A missing file or rule, or a category rule named after no category, is a start-up error naming it. */
export function caseWords(lexicon: Lexicon): CaseWords {
  const employment = lexicon.set('cases/employment');
  const generic = lexicon.set('cases/generic-parties');
  const parties = generic.rules.filter((r) => r.name !== 'lead-ins').map((r) => r.pattern.source);
  const leadIns = rule(generic, 'lead-ins').source;
  return {
    categories: categoryRules(lexicon, 'cases/categories'),
    employment: {
      employed: rule(employment, 'employed'),
      ownerOperator: rule(employment, 'owner-operator'),
      employer: rule(employment, 'employer'),
      answerEmployed: rule(employment, 'answer-employed'),
      answerOwnerOperator: rule(employment, 'answer-owner-operator'),
    },
    platforms: lexicon.set('cases/platforms'),
    categorySupport: categoryRules(lexicon, 'cases/category-support'),
    genericParties: { parties: new RegExp(`^(?:${parties.join('|')})$`, 'u'), leadIns: new RegExp(`^(?:${leadIns})+`, 'u') },
  };
}

/** Whether the text has words for this category: its deciding rule (categories.yaml) or its weaker one (category-support.yaml). */
export function saysCategory(text: string, category: CaseCategory, words: Pick<CaseWords, 'categories' | 'categorySupport'>): boolean {
  return [...words.categories, ...words.categorySupport].some((r) => categoryOf(r.name) === category && r.pattern.test(text));
}

/** "老板", "我们物流公司", "他们": a kind of party rather than a name someone could be found by. */
export function isGenericParty(name: string, words: Pick<CaseWords, 'genericParties'>): boolean {
  const { parties, leadIns } = words.genericParties;
  const core = name.trim().replace(leadIns, '').replace(/的$/u, '');
  return core === '' || parties.test(core);
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
