// Database failures are told apart by their code, and what reaches the log never carries a driver's words.
import { describe, expect, it } from 'vitest';
import { databaseUnavailableCode, isDatabaseUnavailable, loggableError } from './errors.js';
import { createLogger } from './log.js';

describe('database errors', () => {
  it('finds the connection code under drizzle’s wrapper', () => {
    const wrapped = new Error('Failed query: select 1', { cause: Object.assign(new Error('terminating connection'), { code: '57P01' }) });
    expect(databaseUnavailableCode(wrapped)).toBe('57P01');
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(databaseUnavailableCode(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeUndefined();
  });

  it('withholds a failed query’s parameters from the log', () => {
    const err = new Error('Failed query: insert into messages (text) values ($1)\nparams: 老板欠我三万 电话13812345678');
    err.stack = `${err.message}\n    at run (store.js:1:1)`;
    const logged = loggableError(err);
    expect(JSON.stringify(logged)).not.toMatch(/13812345678|老板/);
    expect(logged.error).toContain('insert into messages');
    expect(logged.stack).toContain('at run (store.js:1:1)');
    // A parameter shaped like a stack line is withheld too: only a frame with a file position ends the parameters.
    const tricky = new Error('Failed query: select $1\nparams: 第一行\n  at 服务区 我的电话13800001111');
    expect(JSON.stringify(loggableError(tricky))).not.toContain('13800001111');
  });

  it('withholds the parameters from any logged string, whoever logs the error', () => {
    const lines: string[] = [];
    const log = createLogger('info', (line) => lines.push(line));
    log.warn('outbox delivery failed', { error: 'Failed query: update outbox set x = $1\nparams: 我的电话13812345678' });
    expect(lines.join('')).not.toContain('13812345678');
    expect(lines.join('')).toContain('params: (withheld)');
  });
});
