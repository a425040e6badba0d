// The logger never throws into its caller: a broken sink, circular or BigInt fields, and secrets stay masked.
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.js';

describe('logger', () => {
  it('swallows a sink that throws (EPIPE on a closed stderr) and fields that cannot be serialised', () => {
    const log = createLogger('debug', () => {
      throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    });
    expect(() => log.error('boom', { a: 1 })).not.toThrow();
    const lines: string[] = [];
    const ok = createLogger('debug', (l) => lines.push(l));
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => ok.warn('odd', { circular, big: 10n })).not.toThrow();
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'odd', fields: '[unserialisable]' });
  });

  it('masks secret keys', () => {
    const lines: string[] = [];
    createLogger('info', (l) => lines.push(l)).info('x', { apiKey: 'sk-123', user: 'u' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ apiKey: '[redacted]', user: 'u' });
  });
});
