// Highway and direction inside a sentence: "G5往成都方向下一个能住的", "成渝高速重庆方向", "往西昌走前面有没有".

export interface RouteQuery {
  /** Route number like G5 or S11, upper-cased. */
  code?: string;
  /** Expressway name like 成渝高速. */
  name?: string;
  /** The place the driver is heading to, as written (resolved through the gazetteer by the caller). */
  toward?: string;
  /** "下一个", "前面": the driver wants what is ahead, not what is around. */
  ahead: boolean;
}

const CODE = /(?<![A-Za-z0-9])([GSgs])\s?(\d{1,4})(?!\d)/;
// Drivers name national and provincial roads by number: "318国道", "走108国道", "S40省道".
const NUMBERED = /(?<![A-Za-z0-9])(\d{2,4})\s?(国道|省道)/;
// 离高速, 下高速, 上了高速, 在高速 say where the driver or a station is against the road, not which road ("谢安那个暖心之家离高速远不远",
// "金堂服务区的暖心之家在高速哪一边").
const NAME = /([\u4e00-\u9fa5]{2,6}?(?<![离下上出进近了在])(?:高速公路|高速|国道|环线))/;
const TOWARD = [
  /往([\u4e00-\u9fa5]{2,5}?)(?:方向|那边|那头|走|开|去)/,
  /(?:去|到|开往|前往|回)([\u4e00-\u9fa5]{2,5}?)(?:方向|的路上|路上|那边)/,
  /([\u4e00-\u9fa5]{2,5}?)方向/,
];
const AHEAD = /下一个|下个|前面|前方|往前|接下来|沿途|路上|顺路/;

// Words the direction patterns would otherwise take for a place.
const NOT_PLACES = /^(哪个|哪边|这个|那个|反|对|相反|上行|下行|我们|我)$/;

// The name pattern starts at the leftmost Han character that fits, so it can take in the clause before the road
// ("从重庆过来走成渝高速"): keep what follows the last verb of travel.
const BEFORE_ROAD = /^.*(走|上|下|出|离|了|从|在|经过?|沿着?|过来|到|去|跑|的)(?=[\u4e00-\u9fa5]{2,}(高速公路|高速|国道|环线)$)/;

/** A road "named" by a question word: 哪条高速, 什么高速, 啥子国道. */
const ASKED_ROAD = /^(是?在)?(哪|什么|啥)/;

function roadName(matched: string): string {
  return matched.replace(BEFORE_ROAD, '');
}

export function routeIn(text: string): RouteQuery | undefined {
  const lettered = CODE.exec(text);
  const numbered = NUMBERED.exec(text);
  const code = lettered
    ? `${lettered[1]!.toUpperCase()}${lettered[2]}`
    : numbered
      ? `${numbered[2] === '国道' ? 'G' : 'S'}${numbered[1]}`
      : undefined;
  const matchedName = NAME.exec(text);
  // "是在哪条高速上" asks which road; it names none.
  const name = matchedName && !ASKED_ROAD.test(roadName(matchedName[1]!)) ? matchedName : null;
  let toward: string | undefined;
  for (const pattern of TOWARD) {
    const m = pattern.exec(text);
    // A bare "X方向" can swallow the road name before it (成渝高速重庆方向): keep what follows the road.
    const place = m?.[1]?.replace(/^.*(高速公路|高速|国道|公路|环线|[A-Za-z]\d*)/, '').replace(/^(往|去|到|向)/, '');
    if (place && Array.from(place).length >= 2 && !NOT_PLACES.test(place)) {
      toward = place;
      break;
    }
  }
  const ahead = AHEAD.test(text);
  if (!code && !name && !toward) return undefined;
  return {
    ...(code ? { code } : {}),
    ...(name ? { name: roadName(name[1]!) } : {}),
    ...(toward ? { toward } : {}),
    ahead: ahead || Boolean(toward),
  };
}
