// A message typed wholly in Latin letters (toneless pinyin, English words) is read as retrieval reads it, for every intent.
import type { Normalise } from '../core/normalise.js';
import type { KnowledgeIndex } from './search-types.js';

/** Three or more Latin words and no character: "jin tang fu wu qu nuan xin zhi jia zai na li", "laoban qian gongzi". */
const LATIN_ONLY = /^(?=(?:.*?[a-z]+\b){3})[a-z0-9\s,.?!'’-]+$/i;

/**
 * The normaliser of the conversation: a message with no character at all is handed on as the characters its pinyin and
 * English words are read as (the knowledge base's own words), so station search, filing and handoff understand it as
 * retrieval already did. A message with any character is left as typed: its Latin words are a brand or a unit.
 */
export function messageReader(index: Pick<KnowledgeIndex, 'normalise' | 'repair'>): Normalise {
  return (input, opts) => {
    const text = index.normalise(input, opts);
    if (!LATIN_ONLY.test(text)) return text;
    const read = index.repair(text);
    return /\p{Script=Han}/u.test(read) ? read : text;
  };
}
