// A message typed in Latin letters (toneless pinyin, English words), wholly or in part, is read as retrieval reads it, for every intent.
import type { Normalise } from '../core/normalise.js';
import type { KnowledgeIndex } from './search-types.js';

/** Three or more Latin words and no character: "jin tang fu wu qu nuan xin zhi jia zai na li", "laoban qian gongzi". */
const LATIN_ONLY = /^(?=(?:.*?[a-z]+\b){3})[a-z0-9\s,.?!'’-]+$/i;
/** A run of Latin words beside characters: "金堂那个 nuanxin zhi jia 晚上能不能住", "lu tong 免费". */
const LATIN_RUN = /[a-z]+(?:[\s'’-]+[a-z]+)*/gi;
const HAN = /\p{Script=Han}/u;
/** A message of one or two Latin words and nothing else. */
const SHORT_LATIN = /^[a-z]+(?:\s+[a-z]+)?$/i;

/**
 * The normaliser of the conversation: a message with no character at all is handed on as the characters its pinyin and
 * English words are read as (the knowledge base's own words), so station search, filing and handoff understand it as
 * retrieval already did. In a message with characters, each run of Latin words is read the same way on its own, and kept
 * as typed unless it reads as characters: a brand or a unit (ETC, 9米6, ok) stays Latin, the rest of the message as typed.
 */
export function messageReader(index: Pick<KnowledgeIndex, 'normalise' | 'repair'>): Normalise {
  const readRun = (run: string): string => {
    const read = index.repair(run);
    return HAN.test(read) ? read.trim() : run;
  };
  return (input, opts) => {
    const text = index.normalise(input, opts);
    if (LATIN_ONLY.test(text)) return readRun(text);
    if (!HAN.test(text)) {
      // One or two words ("rengong kefu") are read only when every letter of them became characters: "ok thanks" stays.
      const read = readRun(text);
      return SHORT_LATIN.test(text) && HAN.test(read) && !/[a-z]/i.test(read) ? read : text;
    }
    return text.replace(LATIN_RUN, (run) => (run.length >= 4 ? readRun(run) : run));
  };
}
