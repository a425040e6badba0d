// WeChat voice notes are SILK v3: decode to 16-bit mono PCM with silk-wasm and wrap it in a WAV header for transcription.
import { decode, isSilk } from 'silk-wasm';

/** WeChat records voice notes at 24 kHz. */
export const SILK_SAMPLE_RATE = 24_000;

export function pcmToWav(pcm: Uint8Array, sampleRate: number): Uint8Array {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.byteLength, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.byteLength, 40);
  return new Uint8Array(Buffer.concat([header, pcm]));
}

export class NotSilkError extends Error {
  constructor() {
    super('the voice message is not SILK audio');
    this.name = 'NotSilkError';
  }
}

export async function silkToWav(silk: Uint8Array, sampleRate = SILK_SAMPLE_RATE): Promise<{ wav: Uint8Array; durationMs: number }> {
  if (!isSilk(silk)) throw new NotSilkError();
  const { data, duration } = await decode(silk, sampleRate);
  return { wav: pcmToWav(data, sampleRate), durationMs: duration };
}
