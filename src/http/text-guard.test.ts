// The boundary rule for text: which strings pass, which are refused and under which field name, and the gateway's clean-up.
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { findUnsafeText, refuseUnsafeText, textProblem, withoutUnsafeText } from './text-guard.js';

describe('text guard', () => {
  it('passes ordinary text, tabs, newlines, emoji, surrogate pairs and right-to-left marks', () => {
    for (const s of ['你好', 'a\tb\r\nc', '🚛💨', '\u202e\u200f司机', '\ufffd']) expect(textProblem(s)).toBeUndefined();
  });

  it('names NUL, other controls, DEL and lone surrogates (high or low, at either end)', () => {
    expect(textProblem('a\u0000')).toBe('nul');
    for (const s of ['\u0001', '\u001b[31m', '\u000b', '\u007f']) expect(textProblem(s)).toBe('control');
    for (const s of ['\ud800', 'x\ud83d', '\udc00y', '\ude9b🚛']) expect(textProblem(s)).toBe('surrogate');
  });

  it('finds the first bad field by its dotted path, keys included, and refuses with 400 invalid_characters', () => {
    expect(findUnsafeText({ a: 'ok', location: { label: 'x\u0000' } })).toEqual({ field: 'location.label', problem: 'nul' });
    expect(findUnsafeText({ list: ['ok', '\ud800'] })).toEqual({ field: 'list.1', problem: 'surrogate' });
    expect(findUnsafeText({ ['k\u0001']: 1 })?.problem).toBe('control');
    const err = (() => {
      try {
        refuseUnsafeText({ userId: 'a\u0000b' });
      } catch (e) {
        return e;
      }
    })() as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(400);
    expect(err.toBody().error).toMatchObject({ code: 'invalid_characters', field: 'userId' });
  });

  it('cleans a forwarded text so the API accepts it', () => {
    const cleaned = withoutUnsafeText('老板\u0000欠\u0007钱\ud800🚛\t');
    expect(cleaned).toBe('老板欠钱\ufffd🚛\t');
    expect(textProblem(cleaned)).toBeUndefined();
  });
});
