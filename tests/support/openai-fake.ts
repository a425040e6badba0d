// A fake OpenAI-compatible model for msw tests: the settings that point the client at it and its chat-completion body.
import type { LlmConfig } from '../../src/llm/complete.js';

export const LLM_BASE = 'http://llm.test/v1';

export const testLlmConfig: LlmConfig = {
  apiKey: 'sk-test',
  baseUrl: LLM_BASE,
  chatModel: 'test-model',
  sttModel: 'whisper-1',
  ttsModel: undefined,
  ttsVoice: 'alloy',
  timeoutMs: 300,
};

/** The body an OpenAI-compatible server returns for a chat completion saying `content`. */
export const chatCompletion = (content: string) => ({
  id: 'c1',
  object: 'chat.completion',
  created: 0,
  model: 'test-model',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
});
