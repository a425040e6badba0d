// Acting on the stations just shown: "帮我订一个", "就这个", "金堂那个", "第二个", "对", questions about price, beds, meals and bedding, and places outside Sichuan.
import { HOTLINES } from '../core/hotlines.js';
import type { Reply, SkillResult, TurnContext } from '../core/types.js';
import { bookable } from './booking-service.js';
import type { BookingActions } from './booking-flow.js';
import { describeHours } from './opening-hours.js';
import type { StationCatalog } from './station-catalog.js';
import { LAST_STATIONS_KEY } from './station-skill.js';
import type { Station } from './station-schema.js';
import { priceItem } from './station-cards.js';

/** What the follow-up needs of a compiled word set (src/lexicon). */
export interface Words {
  test(text: string): boolean;
  matching(text: string): string[];
  exec(text: string): { match: RegExpExecArray } | undefined;
}

export interface StationFollowUpDeps {
  catalog: StationCatalog;
  booking: Pick<BookingActions, 'start'>;
  /** `places` and `needs`: stations/place and stations/need, what makes a short question about another province a station question. */
  words: { references: Words; questions: Words; coverage: Words; answers: Words; places: Words; needs: Words };
}

const CN: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
/** A station's names short enough to be said: 金堂, 金堂县, 成都, 金堂服务区 … */
function keys(s: Station): string[] {
  return [s.name, ...s.aliases, s.county, s.county.replace(/(县|区|市)$/, ''), s.highway?.name ?? ''].filter((k) => Array.from(k).length >= 2);
}
const COVERAGE_QUESTION_MAX = 40;
const BARE_PLACE_MAX = 12;

export function createStationFollowUp(deps: StationFollowUpDeps) {
  const { catalog, words } = deps;

  /** The station a message points at among those shown, or undefined. */
  function pointedAt(text: string, shown: Station[]): Station | undefined {
    const ordinal = words.references.exec(text);
    if (ordinal && /第/.test(ordinal.match[0])) {
      const raw = /第\s*([1-9一二三四五两])/.exec(text)?.[1] ?? '';
      return shown[(CN[raw] ?? Number(raw)) - 1];
    }
    for (const s of shown) {
      const key = keys(s)
        .sort((a, b) => b.length - a.length)
        .find((k) => text.includes(k));
      if (key) return s;
    }
    return undefined;
  }

  function answer(kinds: string[], stations: Station[], text: string): Reply {
    const lines = stations.map((s) => {
      const parts: string[] = [];
      const lodging = s.prices.filter((p) => /住宿|床/.test(p.item));
      const meals = s.prices.filter((p) => /餐|饭|套餐/.test(p.item));
      const washing = s.prices.filter((p) => /洗/.test(p.item));
      if (kinds.includes('price')) {
        const wanted = /住|晚|床|铺/.test(text) ? lodging : /吃|饭|餐/.test(text) ? meals : /洗|澡/.test(text) ? washing : s.prices;
        parts.push(wanted.length ? wanted.map(priceItem).join('，') : '资料里没有这项价格');
      }
      if (kinds.includes('beds')) parts.push(s.beds > 0 ? `共${s.beds}个床位${bookable(s) ? '，可以在这里预约' : ''}` : '没有床位的记录');
      if (kinds.includes('meal')) {
        parts.push(
          meals.length ? `${meals.map(priceItem).join('，')}${s.mealHours ? `，开饭${describeHours(s.mealHours)}` : ''}` : '资料里没有吃饭的记录',
        );
      }
      if (kinds.includes('bedding')) {
        const said = [...lodging.map((p) => p.note ?? ''), s.notes ?? ''].flatMap((n) => n.split(/[;；。]/)).find((n) => /被|铺盖|床单/.test(n));
        parts.push(
          said
            ? `资料记载：${said}${s.phone ? `，出发前可以打${s.phone}问一下` : '，以站点为准'}`
            : `资料里没写要不要自带被褥${s.phone ? `，可以打${s.phone}问` : ''}`,
        );
      }
      if (kinds.includes('hours')) parts.push(`营业${describeHours(s.hours)}`);
      return `${s.name}：${parts.join('；')}。`;
    });
    const canBook = stations.some(bookable);
    return {
      text: `${lines.join('\n')}${canBook ? '\n要订床位就说“帮我订一个”。' : ''}`,
      speech: lines[0],
      ...(canBook ? { quickReplies: ['帮我订一个'] } : {}),
    };
  }

  function coverage(text: string): SkillResult {
    const place = words.coverage.exec(text)?.match[0] ?? '外省';
    return {
      intent: 'station',
      replies: [
        {
          text: `我这里只收录了四川的暖心之家和司机之家，${place}的站点我没有资料，不能乱说。可以拨打${HOTLINES.transport}（交通运输服务监督热线）问当地的司机服务站；进了四川再问我，我帮您找最近的。`,
          speech: `我只有四川的站点资料，${place}的没有。可以打${HOTLINES.transport}问当地。`,
        },
      ],
    };
  }

  return async function stationFollowUp(ctx: TurnContext): Promise<SkillResult | undefined> {
    const text = ctx.text.trim();
    const shownIds = (ctx.state[LAST_STATIONS_KEY] as string[] | undefined) ?? [];
    const fresh = ctx.state.lastIntent === 'station' || ctx.state.lastIntent === 'booking';
    // Asked in the middle of a booking too: the form stays as it was.
    // A long story that merely passes through 西安 and a 服务区 is not a question about stations there.
    const brief = Array.from(text).length <= COVERAGE_QUESTION_MAX;
    // Right after a station answer a bare place ("那重庆呢") asks the same there; a longer message must name a station or a need.
    const bare = Array.from(text).length <= BARE_PLACE_MAX;
    const stationTalk = words.places.test(text) || words.needs.test(text);
    if (words.coverage.test(text) && ((brief && stationTalk) || (fresh && shownIds.length > 0 && bare))) return coverage(text);
    if (ctx.state.flow || !fresh || !shownIds.length) return undefined;
    const shown = shownIds.map((id) => catalog.get(id)).filter((s): s is Station => s !== undefined);
    if (!shown.length) return undefined;
    const refs = words.references.matching(text);
    const pointed = pointedAt(text, shown);
    const residue = pointed
      ? keys(pointed)
          .reduce((t, k) => t.split(k).join(''), text)
          .trim()
      : text;
    // Another place named ("沿滩的 帮我约个床位" after a list of 下八庙) is a new request, not a question about the list.
    if (!pointed && catalog.places.find(text).length > 0) return undefined;
    const placePick = pointed !== undefined && (residue === '' || words.references.matching(residue).includes('pick-filler'));
    const questions = words.questions.matching(text);
    if (questions.length) {
      const about = pointed ? [pointed] : shown.slice(0, 3);
      return { intent: 'station', replies: [answer(questions, about, text)], state: { ...ctx.state, [LAST_STATIONS_KEY]: about.map((s) => s.id) } };
    }
    const only = shown.length === 1 ? shown[0] : undefined;
    const yes = words.answers.matching(text).includes('yes');
    if (refs.includes('book-it') || ((refs.includes('this-one') || yes) && only) || refs.includes('ordinal') || (placePick && refs.length > 0)) {
      const target = pointed ?? only;
      if (target && !bookable(target)) return { intent: 'booking', replies: [{ text: `${target.name}没有可预约的床位。` }] };
      const options = shown.filter(bookable).map((s) => s.id);
      return deps.booking.start(ctx, target ? { stationId: target.id } : options.length === 1 ? { stationId: options[0] } : { options });
    }
    if (placePick && pointed) {
      return {
        intent: 'station',
        state: { ...ctx.state, [LAST_STATIONS_KEY]: [pointed.id] },
        replies: [answer(['price', 'hours'], [pointed], text)],
      };
    }
    if (yes && shown.filter(bookable).length > 1) return deps.booking.start(ctx, { options: shown.filter(bookable).map((s) => s.id) });
    return undefined;
  };
}
