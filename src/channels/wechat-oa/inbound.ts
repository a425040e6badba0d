// Maps one WeChat OA message or event to what the channel should do: ask the engine, answer directly, transcribe, or stay quiet.
import { HOTLINES } from '../../core/hotlines.js';
import type { GeoPoint } from '../../core/types.js';
import type { WechatMessage } from './xml.js';

export type OaAction =
  | { kind: 'engine'; text: string; messageId: string; location?: GeoPoint; transcript?: boolean; prefix?: string }
  | { kind: 'voice'; mediaId: string; format: string; messageId: string }
  | { kind: 'reply'; text: string }
  | { kind: 'remember-location'; location: GeoPoint }
  | { kind: 'ignore' };

export const TYPE_OR_CALL = `抱歉，语音暂时听不了，请打字告诉我，或拨打${HOTLINES.transport}交通运输服务热线。`;

const POLICY_PROMPT = '请直接打字或发语音说您的问题，比如：\n“连续开车多久要休息”\n“拉鲜活农产品走绿色通道要什么条件”\n“老板欠运费不给怎么办”';

const SEND_LOCATION = '请点输入框旁的“＋”，选“位置”发给我，我帮您找最近的暖心之家、司机之家；也可以直接说地名，比如“金堂附近的暖心之家”。';

/** What the engine reads of one message; longer texts are usually pasted documents, and a cut one would be misread. */
const MAX_TEXT_CHARS = 2000;
const TOO_LONG = `您发的这条消息太长了（超过${MAX_TEXT_CHARS}字），我没法一次看完。请分成几条短一点的消息，或者直接说您要办的事，比如“老板欠运费怎么办”。`;

const UNSUPPORTED = '暂时只能看懂文字、语音和位置。请打字或发语音说您的问题。';

/** Menu keys as configured on the WeChat admin page (the Chinese label or an ASCII key). */
const MENU: Record<string, 'station' | 'grievance' | 'policy' | 'handoff'> = {
  附近驿站: 'station',
  NEARBY_STATION: 'station',
  我要反映: 'grievance',
  REPORT: 'grievance',
  政策问答: 'policy',
  POLICY: 'policy',
  转人工: 'handoff',
  HANDOFF: 'handoff',
};

function coordinate(value: string | undefined, limit: number): number | undefined {
  if (value === undefined || !/^-?\d{1,3}(\.\d+)?$/.test(value)) return undefined;
  const n = Number(value);
  return Math.abs(n) <= limit ? n : undefined;
}

/** A recently reported position (the account's 上报地理位置 event) lets the 附近驿站 button search at once. */
export function toAction(msg: WechatMessage, recentLocation: GeoPoint | undefined): OaAction {
  // Events have no MsgId: WeChat's retries repeat FromUserName + CreateTime.
  const messageId = msg.MsgId ?? `${msg.FromUserName}:${msg.CreateTime}`;
  switch (msg.MsgType) {
    case 'text': {
      const text = (msg.Content ?? '').trim();
      if (Array.from(text).length > MAX_TEXT_CHARS) return { kind: 'reply', text: TOO_LONG };
      return text ? { kind: 'engine', text: text.slice(0, 2000), messageId } : { kind: 'reply', text: POLICY_PROMPT };
    }
    case 'voice': {
      const recognised = (msg.Recognition ?? '').trim();
      if (recognised) return { kind: 'engine', text: recognised.slice(0, 2000), messageId, transcript: true };
      if (msg.MediaId) return { kind: 'voice', mediaId: msg.MediaId, format: (msg.Format ?? 'amr').toLowerCase(), messageId };
      return { kind: 'reply', text: TYPE_OR_CALL };
    }
    case 'location': {
      const lat = coordinate(msg.Location_X, 90);
      const lon = coordinate(msg.Location_Y, 180);
      if (lat === undefined || lon === undefined) return { kind: 'reply', text: SEND_LOCATION };
      const label = msg.Label?.trim().slice(0, 200);
      return { kind: 'engine', text: '附近的暖心之家', messageId, location: { lat, lon, ...(label ? { label } : {}) } };
    }
    case 'event':
      return eventAction(msg, messageId, recentLocation);
    default:
      return { kind: 'reply', text: UNSUPPORTED };
  }
}

function eventAction(msg: WechatMessage, messageId: string, recentLocation: GeoPoint | undefined): OaAction {
  const event = (msg.Event ?? '').toLowerCase();
  if (event === 'subscribe') return { kind: 'engine', text: '你好', messageId, prefix: '感谢关注暖心！' };
  if (event === 'location') {
    const lat = coordinate(msg.Latitude, 90);
    const lon = coordinate(msg.Longitude, 180);
    return lat === undefined || lon === undefined ? { kind: 'ignore' } : { kind: 'remember-location', location: { lat, lon } };
  }
  if (event !== 'click') return { kind: 'ignore' };
  switch (MENU[(msg.EventKey ?? '').trim()]) {
    case 'station':
      return recentLocation
        ? { kind: 'engine', text: '附近的暖心之家', messageId, location: recentLocation }
        : { kind: 'reply', text: SEND_LOCATION };
    case 'grievance':
      return { kind: 'engine', text: '我要反映问题', messageId };
    case 'policy':
      return { kind: 'reply', text: POLICY_PROMPT };
    case 'handoff':
      return { kind: 'engine', text: '转人工', messageId };
    default:
      return { kind: 'ignore' };
  }
}
