// The wechaty gateway's message handling: private chats always, rooms only when @-mentioned; own, old and repeated messages ignored.
import { types as wechatyTypes, type Message, type Wechaty } from 'wechaty';
import { HOTLINES } from '../../core/hotlines.js';
import type { GeoPoint, Reply } from '../../core/types.js';
import type { SpeechToText } from '../../llm/speech.js';
import type { Logger } from '../../log.js';
import { repliesAsText } from '../shared/text-reply.js';
import { silkToWav } from './silk.js';

export const WECHATY_CHANNEL = 'wechaty';

export interface GatewayInput {
  externalUserId: string;
  text: string;
  messageId: string;
  location?: GeoPoint;
  transcript?: boolean;
}

/** Where messages go: the engine in this process, or the HTTP API of a nuanxin server. */
export interface GatewayPort {
  handle(input: GatewayInput): Promise<{ replies: Reply[] }>;
}

export interface GatewayOptions {
  port: GatewayPort;
  stt: SpeechToText | undefined;
  log: Logger;
  /** Messages older than this at start-up are history the puppet replays, not new questions. */
  startedAt?: Date;
  maxVoiceBytes?: number;
  /** Told when a contact writes, so the HTTP mode knows whose staff replies to poll. */
  onActive?: (contactId: string) => void;
}

export const POLITE_FAILURE = `抱歉，系统刚才出了点问题，请稍后再发一次。急事请拨打${HOTLINES.transport}交通运输服务热线。`;
const VOICE_UNAVAILABLE = `抱歉，语音暂时听不了，请打字告诉我，或拨打${HOTLINES.transport}。`;
const UNSUPPORTED = '暂时只能看懂文字、语音和位置。请打字或发语音说您的问题。';

function recentIds(limit: number) {
  const seen = new Set<string>();
  return {
    /** True the first time an id is seen. */
    first(id: string): boolean {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > limit) seen.delete(seen.values().next().value as string);
      return true;
    },
  };
}

export function attachGateway(bot: Wechaty, opts: GatewayOptions): void {
  const startedAt = (opts.startedAt ?? new Date()).getTime();
  const seen = recentIds(10_000);
  const maxVoice = opts.maxVoiceBytes ?? 5 * 1024 * 1024;
  const types = wechatyTypes.Message;

  async function voiceText(msg: Message): Promise<string | undefined> {
    // Some puppets already hand a transcript; use it before decoding audio ourselves.
    const given = msg.text().trim();
    if (given && !/^\[?(语音|voice)\]?$/i.test(given)) return given;
    if (!opts.stt) return undefined;
    const file = await msg.toFileBox();
    const buffer = await file.toBuffer();
    if (buffer.byteLength > maxVoice) return undefined;
    const { wav } = await silkToWav(new Uint8Array(buffer));
    return opts.stt.transcribe(wav, { name: 'voice.wav', type: 'audio/wav' });
  }

  async function locationOf(msg: Message): Promise<GeoPoint | undefined> {
    // wechaty 1.20's msg.toLocation() constructs its Location class directly and throws, so ask the puppet;
    // puppets without location support lack the method or throw (`messageLocation is not a function`).
    const puppet = bot.puppet as unknown as {
      messageLocation?: (id: string) => Promise<{ latitude: number; longitude: number; name?: string; address?: string }>;
    };
    if (typeof puppet.messageLocation !== 'function') return undefined;
    try {
      const p = await puppet.messageLocation(msg.id);
      const lat = Number(p.latitude);
      const lon = Number(p.longitude);
      if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
      const label = (p.name || p.address || '').slice(0, 200);
      return { lat, lon, ...(label ? { label } : {}) };
    } catch (err) {
      opts.log.warn('wechaty location unavailable', { error: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  }

  async function toInput(msg: Message, contactId: string): Promise<GatewayInput | string | undefined> {
    const base = { externalUserId: contactId, messageId: msg.id };
    switch (msg.type()) {
      case types.Text: {
        let text = msg.text();
        const room = msg.room();
        if (room) {
          // Drop the "@bot" so the engine sees the question.
          const self = bot.currentUser;
          const names = [self.name(), await room.alias(self).catch(() => undefined)].filter(Boolean) as string[];
          for (const name of names) text = text.split(`@${name}`).join(' ');
        }
        text = text.replace(/\u2005/g, ' ').trim();
        return text ? { ...base, text: text.slice(0, 2000) } : undefined;
      }
      case types.Audio: {
        const text = await voiceText(msg).catch((err: unknown) => {
          opts.log.warn('wechaty voice failed', { error: err instanceof Error ? err.message : String(err) });
          return undefined;
        });
        if (text === undefined) return VOICE_UNAVAILABLE;
        if (!text) return '没听清，请再说一遍，或者打字告诉我。';
        return { ...base, text: text.slice(0, 2000), transcript: true };
      }
      case types.Location: {
        const location = await locationOf(msg);
        if (!location) return '没拿到您的位置，请直接说地名，比如“金堂附近的暖心之家”。';
        return { ...base, text: '附近的暖心之家', location };
      }
      default:
        return UNSUPPORTED;
    }
  }

  async function onMessage(msg: Message): Promise<void> {
    if (msg.self()) return;
    if (!seen.first(msg.id)) return;
    if (msg.date().getTime() < startedAt - 60_000) return;
    const room = msg.room();
    if (room && !(await msg.mentionSelf())) return;
    const talker = msg.talker();
    if (!room && talker.type() !== wechatyTypes.Contact.Individual) return;
    opts.onActive?.(talker.id);
    const input = await toInput(msg, talker.id);
    if (input === undefined) return;
    if (typeof input === 'string') {
      await msg.say(input);
      return;
    }
    const { replies } = await opts.port.handle(input);
    const text = repliesAsText(replies, { links: 'plain' });
    if (!text) return;
    if (room) await room.say(text, talker);
    else await msg.say(text);
  }

  bot.on('message', (msg: Message) => {
    onMessage(msg).catch(async (err: unknown) => {
      opts.log.error('wechaty message failed', { id: msg.id, error: err instanceof Error ? err.message : String(err) });
      try {
        await msg.say(POLITE_FAILURE);
      } catch {
        // The puppet itself is failing; the next message gets another chance.
      }
    });
  });
  bot.on('error', (err: unknown) => opts.log.error('wechaty error', { error: err instanceof Error ? err.message : String(err) }));
}
