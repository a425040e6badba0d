// One bounded chat completion: a timeout, no retries, and undefined instead of an error, because every caller has a fallback.
import type OpenAI from 'openai';
import type { Config } from '../config.js';
import type { Metrics } from '../core/metrics.js';
import type { Logger } from '../log.js';

export type LlmConfig = NonNullable<Config['llm']>;
export type Complete = (prompt: string, maxTokens: number) => Promise<string | undefined>;

/** What every model helper is built with besides its configuration: the client (tests pass their own) and the metrics port. */
export interface ModelOptions {
  client?: OpenAI;
  metrics?: Pick<Metrics, 'modelCall'>;
}

/**
 * The SDK is loaded on the first model call, not at start: a server without a model key never needs it, and loading it
 * cost about a tenth of a second of every start.
 */
export async function createOpenAiClient(config: LlmConfig): Promise<OpenAI> {
  const { default: OpenAI } = await import('openai');
  return new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    // Through globalThis.fetch so tests intercept it; retries are off because the fallback is the curated answer.
    fetch: (...args: Parameters<typeof fetch>) => globalThis.fetch(...args),
    maxRetries: 0,
    timeout: config.timeoutMs,
  });
}

/**
 * `what` names the caller's fallback in the warning (the curated answer, the template summary …); `purpose` labels the
 * call in the metrics.
 */
export function createCompletion(config: LlmConfig, log: Logger, what: string, purpose: string, opts: ModelOptions = {}): Complete {
  let client: Promise<OpenAI> | undefined;
  return async (prompt, maxTokens) => {
    try {
      client ??= opts.client ? Promise.resolve(opts.client) : createOpenAiClient(config);
      const res = await (
        await client
      ).chat.completions.create(
        { model: config.chatModel, messages: [{ role: 'user', content: prompt }], temperature: 0, max_tokens: maxTokens },
        { signal: AbortSignal.timeout(config.timeoutMs) },
      );
      const text = res.choices[0]?.message?.content?.trim();
      opts.metrics?.modelCall(purpose, text ? 'ok' : 'fallback');
      return text ? text : undefined;
    } catch (err) {
      // Timeouts, 429s and 5xx all end here: the caller falls back.
      // The SDK's API errors carry the HTTP status; checked by shape, since the SDK may not be loaded here.
      const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : undefined;
      opts.metrics?.modelCall(purpose, 'fallback');
      log.warn(`llm call failed, using ${what}`, { status, error: err instanceof Error ? err.name : String(err) });
      return undefined;
    }
  };
}
