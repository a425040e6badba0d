// One spoken turn for any phone channel: transcript in, at most ~120 speakable characters out, with repeat and "send it by text".
import { truncateSpeech } from '../../core/render.js';
import type { Engine } from '../../core/engine.js';
import type { ConversationStore, DriverDirectory, OutboxItem } from '../../core/ports.js';
import { spellNumbers } from './speakable.js';

export const VOICE_CHANNEL = 'voice';

export interface VoiceTurnInput {
  /** The caller's stable identity (phone number) or, lacking one, the call id. */
  externalUserId: string;
  callId: string;
  transcript: string;
  messageId?: string;
}

export interface VoiceTurnOutput {
  /** What to say: short, no URLs, digits spelt for speech synthesis. */
  speech: string;
  /** The same answer with digits as digits, for logs and displays. */
  text: string;
  hangup: boolean;
}

const SEND_AS_TEXT = /短信发我|发短信给我|短信发给我|发个短信|发到(我的?)?(微信|手机)上?|文字发我|发文字给我/;
const GOODBYE = /^(再见|拜拜|没事了|没有了|好了谢谢|谢谢再见|挂了|就这样)[吧啊了。！!]*$/;
const TEXT_CHANNELS = ['wechat-oa', 'wechaty', 'web', 'api'];

export interface VoiceTurns {
  turn(input: VoiceTurnInput): Promise<VoiceTurnOutput>;
}

function say(text: string, hangup = false): VoiceTurnOutput {
  const short = truncateSpeech(text.replace(/\s+/g, ' ').trim());
  return { speech: spellNumbers(short), text: short, hangup };
}

/** What voice turns use of the runtime. */
export interface VoiceTurnDeps {
  engine: Pick<Engine, 'handle'>;
  conversations: Pick<ConversationStore & DriverDirectory, 'getConversation' | 'identitiesOf'>;
  deliver(item: Omit<OutboxItem, 'id' | 'createdAt'>): Promise<OutboxItem>;
}

export function createVoiceTurns(runtime: VoiceTurnDeps): VoiceTurns {
  // The conversation of each live call, so "短信发我" can find the full last answer.
  const calls = new Map<string, { conversationId: string; driverExternalId: string; at: number }>();

  function remember(callId: string, conversationId: string, externalUserId: string) {
    if (calls.size > 10_000) for (const [k, v] of calls) if (Date.now() - v.at > 3_600_000) calls.delete(k);
    calls.set(callId, { conversationId, driverExternalId: externalUserId, at: Date.now() });
  }

  async function sendAsText(input: VoiceTurnInput): Promise<VoiceTurnOutput> {
    const call = calls.get(input.callId);
    const conversation = call ? await runtime.conversations.getConversation(call.conversationId) : undefined;
    const full = conversation?.state.lastReply?.text;
    if (!conversation || !full) return say('刚才还没有可以发给您的内容。请先说您的问题。');
    const identities = await runtime.conversations.identitiesOf(conversation.driverId);
    const target = TEXT_CHANNELS.map((ch) => identities.find((i) => i.channel === ch)).find((i) => i !== undefined);
    if (!target) {
      return say('您还没有在微信上和我们联系过，暂时发不过去。可以关注“暖心”公众号，发“你好”给我，下次就能发给您了。');
    }
    await runtime.deliver({
      driverId: conversation.driverId,
      conversationId: null,
      channel: target.channel,
      kind: 'voice_followup',
      text: full,
      payload: null,
    });
    return say(target.channel.startsWith('wechat') ? '好的，完整内容已经发到您的微信上了。' : '好的，完整内容已经发给您了。');
  }

  return {
    async turn(input) {
      const transcript = input.transcript.trim();
      if (!transcript) return say('没听清，请再说一遍。');
      if (GOODBYE.test(transcript)) return say('好的，一路平安，再见！', true);
      if (SEND_AS_TEXT.test(transcript)) return sendAsText(input);
      const result = await runtime.engine.handle({
        channel: VOICE_CHANNEL,
        externalUserId: input.externalUserId,
        text: transcript.slice(0, 500),
        render: 'voice',
        transcript: true,
        ...(input.messageId ? { messageId: input.messageId } : {}),
      });
      remember(input.callId, result.conversationId, input.externalUserId);
      const answer = result.replies
        .map((r) => r.text)
        .filter(Boolean)
        .join('。')
        .replace(/。{2,}/g, '。');
      return say(answer || '好的。');
    },
  };
}
