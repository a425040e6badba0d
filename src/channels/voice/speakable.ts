// Makes text safe to speak: hotlines, case and phone numbers digit by digit; amounts, counts and dates as number words.
import { speakNumbers } from '../../core/spoken-numbers.js';

/** Spells hotlines (12328 → 一二三二八) and IDs, and reads quantities and dates as words (200元 → 两百元, 12月8日 → 十二月八日). */
export function spellNumbers(text: string): string {
  return speakNumbers(text);
}
