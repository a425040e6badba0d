// Speech through OpenAI-compatible endpoints: /v1/audio/transcriptions (Whisper, SenseVoice …) and /v1/audio/speech.
import type OpenAI from 'openai';
import type { Config } from '../config.js';

export interface SpeechToText {
  /** Transcribes one short utterance (Mandarin and dialects); returns '' when nothing was said. */
  transcribe(audio: Uint8Array, file: { name: string; type: string }): Promise<string>;
}

export interface TextToSpeech {
  /** Synthesises speech; the caller already made the text speakable (digits spelt, no URLs). */
  synthesize(text: string): Promise<{ audio: Uint8Array; contentType: string }>;
}

export class SpeechError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SpeechError';
  }
}

/** Loaded on first use, as in complete.ts: a server that never transcribes never loads the SDK. */
async function client(llm: NonNullable<Config['llm']>): Promise<OpenAI> {
  const { default: OpenAI } = await import('openai');
  return new OpenAI({
    apiKey: llm.apiKey,
    baseURL: llm.baseUrl,
    timeout: Math.max(llm.timeoutMs, 15_000),
    maxRetries: 1,
    // Resolved per call, so test interceptors installed after start-up still see the request.
    fetch: (...a: Parameters<typeof fetch>) => globalThis.fetch(...a),
  });
}

/** Undefined when no model endpoint is configured: channels then ask the driver to type or call. */
export function createSpeechToText(llm: Config['llm']): SpeechToText | undefined {
  if (!llm) return undefined;
  let openai: Promise<OpenAI> | undefined;
  return {
    async transcribe(audio, file) {
      try {
        const { toFile } = await import('openai');
        const result = await (
          await (openai ??= client(llm))
        ).audio.transcriptions.create({
          file: await toFile(audio, file.name, { type: file.type }),
          model: llm.sttModel,
          language: 'zh',
          response_format: 'json',
        });
        return (result.text ?? '').trim();
      } catch (err) {
        throw new SpeechError('speech recognition failed', { cause: err });
      }
    },
  };
}

export function createTextToSpeech(llm: Config['llm']): TextToSpeech | undefined {
  if (!llm?.ttsModel) return undefined;
  let openai: Promise<OpenAI> | undefined;
  const model = llm.ttsModel;
  return {
    async synthesize(text) {
      try {
        const res = await (await (openai ??= client(llm))).audio.speech.create({ model, voice: llm.ttsVoice, input: text, response_format: 'mp3' });
        return { audio: new Uint8Array(await res.arrayBuffer()), contentType: 'audio/mpeg' };
      } catch (err) {
        throw new SpeechError('speech synthesis failed', { cause: err });
      }
    },
  };
}
