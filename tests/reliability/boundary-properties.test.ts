// Property-based tests (fast-check) over the WeChat XML boundary and the grievance slot parsers: any input gets a value or a typed 400, never a crash, and round trips hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNodeAssets } from '../../src/assets/node-assets.js';
import { findAmount, formatYuan, parseBareAmount, parseChineseNumber } from '../../src/cases/chinese-number.js';
import { extractSlots, findPhone, maskPhone } from '../../src/cases/extract.js';
import { createPlaceFinder } from '../../src/cases/places.js';
import { parseWechatXml, readWechatMessage, textReplyXml } from '../../src/channels/wechat-oa/xml.js';
import { AppError } from '../../src/errors.js';
import { caseWords } from '../../src/cases/case-words.js';
import { testLexicon } from '../support/intent-words.js';

const places = createPlaceFinder(loadNodeAssets().gazetteer);
const words = caseWords(testLexicon);
const HAN = fc.string({ unit: fc.constantFrom(...'欠我运费三万两千五百块元金堂县成都公司电话一二三四五六七八九十零百千万多月天吨'), maxLength: 40 });
const ANY_TEXT = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 }), HAN);

/** Characters XML 1.0 allows in text (tab, newline and carriage return are the only controls). */
function xmlChar(ch: string): boolean {
  const code = ch.codePointAt(0) as number;
  return code === 9 || code === 10 || code === 13 || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);
}

/** Either a value or a 400 AppError (bad_request, or invalid_characters for NUL and friends): nothing else may escape. */
function parsesOrRefuses(run: () => unknown): void {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect(['bad_request', 'invalid_characters']).toContain((err as AppError).code);
  }
}

describe('WeChat XML boundary', () => {
  it('answers any string with a parsed message or a 400, never another error', () => {
    fc.assert(
      fc.property(ANY_TEXT, (s) => parsesOrRefuses(() => readWechatMessage(s))),
      { numRuns: 500 },
    );
  });

  it('reads back whatever text the reply builder wraps, including CDATA terminators and markup', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }).filter((s) => s.length > 0 && s.trim() === s && [...s].every(xmlChar)),
        (content) => {
          const doc = parseWechatXml(textReplyXml('to', 'from', content, new Date(0)));
          expect(doc['Content']).toBe(content);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses any DOCTYPE or entity declaration wherever it appears', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('<!DOCTYPE x>', '<!ENTITY a "b">', '<!doctype xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
        (pad, decl) => {
          expect(() => parseWechatXml(`${decl}${pad}<xml><Content>&x;</Content></xml>`)).toThrow(AppError);
        },
      ),
    );
  });
});

describe('grievance slot parsers', () => {
  it('never throw, and amounts are positive whole yuan when found', () => {
    fc.assert(
      fc.property(ANY_TEXT, (s) => {
        for (const n of [findAmount(s), parseBareAmount(s)]) if (n !== undefined) expect(Number.isSafeInteger(n) && n > 0).toBe(true);
        const slots = extractSlots(s, { now: new Date('2026-11-25T02:00:00Z'), places, words });
        if (slots.amountYuan !== undefined && slots.amountYuan !== null) expect(slots.amountYuan).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('read back any whole amount written in digits with 元, and 万 amounts formatted by formatYuan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (yuan) => {
        expect(findAmount(`欠我${yuan}元`)).toBe(yuan);
        expect(parseBareAmount(formatYuan(yuan))).toBe(yuan);
      }),
    );
  });

  it('parse Chinese numerals built from digits and units consistently with their value', () => {
    const digits = '零一二三四五六七八九';
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 9 }), (wan, qian) => {
        const text = `${digits[wan]}万${qian ? `${digits[qian]}千` : ''}`;
        expect(parseChineseNumber(text)).toBe(wan * 10_000 + qian * 1000);
      }),
    );
  });

  it('find any mainland mobile number in surrounding text and mask all but its ends', () => {
    fc.assert(
      fc.property(fc.constantFrom('13', '15', '17', '18', '19'), fc.stringMatching(/^\d{9}$/), HAN, (prefix, rest, around) => {
        const phone = `${prefix}${rest}`;
        expect(findPhone(`${around.replace(/\d/g, '')}电话${phone}`)).toBe(phone);
        expect(maskPhone(phone)).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
      }),
    );
  });
});
