// Text normalisation shared by intent detection and retrieval: width, script, speech fillers, spoken digits and dialect.
import * as OpenCC from 'opencc-js/t2cn';
import { standardiseDialect } from './dialect.js';
import { spokenDigitsToArabic } from './spoken-digits.js';

let toSimplified: ((text: string) => string) | undefined;

/** Traditional → simplified Chinese; the converter is built on first use because its dictionaries are large. */
export function simplify(text: string): string {
  const convert = (toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

// Zero-width and bidi controls come from copy-paste and hostile input; they break matching and are never meaningful.
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

// Fillers that speech recognisers transcribe from spoken Mandarin; removed only from transcripts because
// in typed text "那个" can be a real demonstrative.
// 额 is also a word (金额, 小额), so it only counts as a filler at the start of a clause.
const SPEECH_FILLERS = /(嗯+|呃+|(?<=^|[\s，,。])额+|啊+(?=[，,\s]|$)|那个(?!是)|就是说|然后呢|这个这个|怎么说呢|你晓得吧|你知道吧)/g;

/**
 * Full-width → half-width, traditional → simplified, invisible characters removed, fillers dropped from transcripts,
 * spoken digits (幺二三二八 → 12328) and Sichuan dialect words (啥子 → 什么) standardised, whitespace collapsed.
 */
export function normaliseText(input: string, opts: { transcript?: boolean } = {}): string {
  let text = input.normalize('NFKC').replace(INVISIBLE, '');
  text = simplify(text);
  if (opts.transcript) text = text.replace(SPEECH_FILLERS, ' ');
  text = standardiseDialect(spokenDigitsToArabic(text));
  return text.replace(/\s+/g, ' ').trim();
}
