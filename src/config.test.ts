// Configuration parsing: defaults, one-line errors naming the variable, and the loopback rule for an open chat API.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('has offline defaults', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: './data', databaseUrl: undefined, llm: undefined, logLevel: 'info' });
  });

  it('enables the model only with a key', () => {
    const c = parseConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://localhost:11434/v1', CHAT_MODEL: 'qwen2.5' });
    expect(c.llm).toMatchObject({ apiKey: 'sk-test', baseUrl: 'http://localhost:11434/v1', chatModel: 'qwen2.5', timeoutMs: 6000 });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', /integer from 0 to 65535.*"abc"/],
    [{ PORT: '70000' }, 'PORT', /integer/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /debug|info/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /postgres/],
    [{ OPENAI_BASE_URL: 'not a url' }, 'OPENAI_BASE_URL', /http/],
    [{ HOST: '0.0.0.0' }, 'HOST', /loopback.*CHAT_API_KEY/],
    [{ COOKIE_SECRET: 'short' }, 'COOKIE_SECRET', /32/],
    // A one-character key was accepted off loopback (issue 12).
    [{ HOST: '0.0.0.0', CHAT_API_KEY: 'k' }, 'CHAT_API_KEY', /at least 16 characters/],
  ])('names the bad variable in %o', (env, key, pattern) => {
    let error: unknown;
    try {
      parseConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.key).toBe(key);
    expect(e.message).toMatch(new RegExp(`^Invalid configuration: ${key} must be`));
    expect(e.message).toMatch(pattern);
    expect(e.message.split('\n')).toHaveLength(1);
  });

  it('never echoes secret values', () => {
    expect(() => parseConfig({ DATABASE_URL: 'mysql://user:hunter2@db' })).toThrow(/^(?!.*hunter2)/);
  });

  it('allows a public host when the chat API needs a key', () => {
    expect(parseConfig({ HOST: '0.0.0.0', CHAT_API_KEY: 'secret-key-of-24-chars!!' }).host).toBe('0.0.0.0');
    // On loopback only this machine can guess it: short keys stay allowed for local gateways and tests.
    expect(parseConfig({ HOST: '127.0.0.1', CHAT_API_KEY: 'k' }).chatApiKey).toBe('k');
  });
});
