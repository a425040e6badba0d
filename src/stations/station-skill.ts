// The `station` skill: answers "where can I eat / shower / sleep" with the nearest fitting stations, distances, open-now and nav links.
import type { Reply, Skill, SkillResult, TurnContext } from '../core/types.js';
import { AMENITY_LABELS, describeAmenities } from './amenity-words.js';
import { APPROXIMATE_NOTE, cardLines, priceItem, priceText, speechFor, spokenPrices, toCard } from './station-cards.js';
import { awaitingLocation } from './location-flow.js';
import type { StationCatalog } from './station-catalog.js';
import { understandStationQuestion, type StationQuery } from './station-query.js';
import type { StationWords } from './station-words.js';
import { DEFAULT_REACH_KM, openNowFor, searchStations, type RouteFilter, type SearchResult } from './station-search.js';
import type { Station } from './station-schema.js';

/** How to share a location differs by channel: WeChat's ＋ menu, or the web page's 位置 button. */
function askLocation(ctx: TurnContext): Reply {
  const how = ctx.channel === 'web' ? '点下面的“📍 位置”按钮' : '微信里点“＋”→“位置”';
  return {
    text: `请发一下您的位置（${how}），或者告诉我您在哪个县、哪个服务区，比如“我在金堂”“G5往成都方向”。`,
    speech: '请发一下您的位置，或者告诉我您在哪个县、哪个服务区。',
    quickReplies: ['我在金堂', '我在自贡沿滩', '附近哪里可以洗澡'],
  };
}

function needLabel(q: StationQuery): string {
  const needs = q.amenities.map((a) => AMENITY_LABELS[a]);
  const kind = q.kinds ? '暖心之家' : '站点';
  return needs.length ? `能${needs.join('、')}的${kind}` : kind;
}

function routeLabel(route: RouteFilter): string {
  const road = [route.code, route.name].filter(Boolean).join(' ');
  return `${road}${route.toward ? `往${route.toward.name}方向` : ''}`;
}

/** Station ids of the last answer, so "订第一个" can refer to them. */
export const LAST_STATIONS_KEY = 'lastStations';

function resultReply(q: StationQuery, result: SearchResult, catalog: StationCatalog, ctx: TurnContext): SkillResult {
  const cards = result.hits.map(toCard);
  const what = needLabel(q);
  const from = q.origin?.source === 'place' ? `离${q.origin.label}` : '离您';
  const state = { ...ctx.state, [LAST_STATIONS_KEY]: cards.map((c) => c.id) };
  if (cards.length === 0) {
    const where = q.route ? `${routeLabel(q.route)}` : '四川';
    return {
      state,
      replies: [
        {
          text: `没有找到${where}${q.route?.toward && q.origin ? '前方' : ''}${what}。${q.route && !q.origin ? '发个位置我再帮您找找。' : '可以换个条件问我，比如只找能吃饭的。'}`,
          quickReplies: ['附近的暖心之家', '转人工'],
        },
      ],
    };
  }
  let head: string;
  if (result.mode === 'ahead') head = `${routeLabel(q.route!)}，前方的${what}：`;
  else if (result.mode === 'on_route') head = `${routeLabel(q.route!)}上的${what}（发个位置我能算出哪个在您前面）：`;
  else if (!result.withinReach) head = `${from}${DEFAULT_REACH_KM}公里内没有${what}。最近的是这个：`;
  else head = `${from}最近的${what}：`;
  const body = result.hits.map((h, i) => cardLines(cards[i]!, i + 1, h.station)).join('\n');
  const approx = cards.some((c) => c.approximate) ? `\n${APPROXIMATE_NOTE}` : '';
  const canBook = result.hits.some((h) => h.station.beds > 0 && h.station.amenities.includes('lodging'));
  const first = cards[0]!;
  const spoken = speechFor(first, { call: ctx.channel === 'voice' });
  const speech = result.withinReach ? spoken : `${DEFAULT_REACH_KM}公里内没有，${spoken}`;
  return {
    state,
    replies: [
      {
        text: `${head}\n${body}${approx}${canBook ? '\n要预约床位，回复“预约第1个”。' : ''}`,
        speech,
        stations: cards,
        quickReplies: canBook ? ['预约第1个', '只看能洗澡的'] : ['附近的暖心之家'],
      },
    ],
  };
}

/** A named station's card, open or not for what was asked at this hour. */
function cardNow(station: Station, ctx: TurnContext, q: StationQuery) {
  const open = openNowFor(station, q.amenities, ctx.now);
  return toCard({ station, ...(open === undefined ? {} : { openNow: open }) });
}

function stationDetail(station: Station, ctx: TurnContext, q: StationQuery): SkillResult {
  const card = cardNow(station, ctx, q);
  const missing = q.amenities.filter((a) => !station.amenities.includes(a)).map((a) => AMENITY_LABELS[a]);
  const lines = [
    missing.length ? `${station.name}没有${missing.join('、')}的记录。` : '',
    cardLines(card, 1, station).replace(/^1\. /, ''),
    station.requirements?.length ? `   须知：${station.requirements.join('；')}` : '',
    station.approximate ? APPROXIMATE_NOTE : '',
  ].filter(Boolean);
  const canBook = station.beds > 0 && station.amenities.includes('lodging');
  return {
    state: { ...ctx.state, [LAST_STATIONS_KEY]: [station.id] },
    replies: [
      {
        text: `${lines.join('\n')}${canBook ? '\n要预约床位，回复“预约”。' : ''}`,
        speech: `${station.name}，${card.openNow === true ? '现在开着，' : ''}能${card.amenityLabels.slice(0, 4).join('、')}。${
          q.asksPrice && station.prices.length ? `${spokenPrices(station)}。` : ''
        }${canBook && q.amenities.includes('lodging') ? `床位共${station.beds}个，要订就说预约，订的时候告诉您还有没有空位。` : ''}`,
        stations: [card],
        ...(canBook ? { quickReplies: ['预约'] } : {}),
      },
    ],
  };
}

/** Several stations named together: each one's card, and which of them has what was asked for. */
function comparison(stations: readonly Station[], ctx: TurnContext, q: StationQuery): SkillResult {
  const cards = stations.map((station) => cardNow(station, ctx, q));
  const names = stations.map((s) => s.name);
  const needs = q.amenities.map((a) => AMENITY_LABELS[a]).join('、');
  const having = stations.filter((s) => q.amenities.every((a) => s.amenities.includes(a))).map((s) => s.name);
  const verdict = !q.amenities.length
    ? ''
    : having.length === stations.length
      ? `${names.join('和')}都能${needs}。`
      : having.length
        ? `能${needs}的是${having.join('、')}；${names.filter((n) => !having.includes(n)).join('、')}没有${needs}的记录。`
        : `这几个站都没有${needs}的记录。`;
  const body = stations.map((s, i) => cardLines(cards[i]!, i + 1, s)).join('\n');
  const canBook = stations.some((s) => s.beds > 0 && s.amenities.includes('lodging'));
  const prices = q.asksPrice ? stations.map((s) => `${s.name}：${spokenPrices(s)}`).join('；') : '';
  return {
    state: { ...ctx.state, [LAST_STATIONS_KEY]: stations.map((s) => s.id) },
    replies: [
      {
        text: `${verdict}${verdict ? '\n' : ''}${body}${canBook ? '\n要预约床位，回复“预约第1个”或“预约第2个”。' : ''}`,
        speech:
          verdict || prices
            ? `${verdict}${prices ? `${prices}。` : ''}`
            : `${cards.map((c) => `${c.name}${c.openNow === true ? '现在开着' : c.openNow === false ? '现在没开' : ''}`).join('，')}。导航链接发在文字里了。`,
        stations: cards,
        ...(canBook ? { quickReplies: ['预约第1个', '预约第2个'] } : {}),
      },
    ],
  };
}

/** What 暖心之家 offer in general, from the station data (prices and services are never made up). */
function overview(catalog: StationCatalog, q: StationQuery): SkillResult {
  const homes = catalog.all().filter((s) => s.kind === '暖心之家');
  const pool = homes.length ? homes : catalog.all();
  const common = describeAmenities(pool[0]?.amenities.filter((a) => pool.filter((s) => s.amenities.includes(a)).length * 2 >= pool.length) ?? []);
  const meal = pool.flatMap((s) => s.prices).find((p) => p.item.includes('套餐'));
  const lodging = pool.find((s) => s.prices.some((p) => /住宿/.test(p.item)));
  const washing = pool.flatMap((s) => s.prices).find((p) => /洗/.test(p.item));
  const parts = [
    `暖心之家是为货车司机建的服务站，四川已收录${pool.length}个有位置的站点${catalog.unplaced.length ? `（另有${catalog.unplaced.length}个位置待核实）` : ''}。`,
    common.length ? `大多数站点提供：${common.join('、')}。` : '',
    meal ? `${meal.item}${meal.yuan}元。` : '',
    washing ? `${priceItem(washing)}。` : '',
    lodging ? `住宿各站不同，比如${lodging.name}：${priceText({ prices: lodging.prices.filter((p) => /住宿/.test(p.item)) })}。` : '',
    q.amenities.length && !q.wantsNearby ? '' : '发个位置，或说您在哪个县，我帮您找最近的，还能预约床位。',
  ];
  return {
    replies: [
      {
        text: parts.filter(Boolean).join(''),
        speech: `暖心之家能${common.slice(0, 4).join('、')}${meal ? `，${meal.item.replace(/\(.*\)|（.*）/, '')}${meal.yuan}元` : ''}。发个位置我帮您找最近的。`,
        quickReplies: ['附近的暖心之家', '我在金堂'],
      },
    ],
  };
}

/** So few stations have what is asked (a shared kitchen) that where the driver is does not matter to the answer. */
const FEW_STATIONS = 3;

/** The stations that have every amenity asked for, when there are at most FEW_STATIONS of them: named, not searched. */
function fewWith(catalog: StationCatalog, q: StationQuery, ctx: TurnContext): SkillResult | undefined {
  if (!q.amenities.length) return undefined;
  const having = catalog.all().filter((s) => q.amenities.every((a) => s.amenities.includes(a)));
  if (having.length === 0 || having.length > FEW_STATIONS) return undefined;
  const cards = having.map((station) => cardNow(station, ctx, q));
  const labels = q.amenities.map((a) => AMENITY_LABELS[a]).join('、');
  return {
    state: { ...ctx.state, [LAST_STATIONS_KEY]: cards.map((c) => c.id) },
    replies: [
      {
        text: `提供${labels}的站点，我这里只有${having.length === 1 ? '这一个' : `这${having.length}个`}：\n${having.map((h, i) => cardLines(cards[i]!, i + 1, h)).join('\n')}`,
        speech: `提供${labels}的只有${having.map((h) => h.name).join('、')}。`,
        stations: cards,
        quickReplies: ['附近的暖心之家'],
      },
    ],
  };
}

export function createStationSkill(catalog: StationCatalog, words: StationWords): Skill {
  return {
    async handle(ctx): Promise<SkillResult> {
      await catalog.refreshIfStale();
      const q = understandStationQuestion(ctx.text, ctx.location, catalog.places, words, (code) => catalog.onlyStationIn(code));

      const compared = q.namedStationIds.map((id) => catalog.get(id)).filter((s): s is Station => s !== undefined);
      if (compared.length >= 2 && !q.route) return comparison(compared, ctx, q);
      if (q.namedStationId && !q.route && !(q.wantsNearby && q.origin?.source === 'location')) {
        const placed = catalog.get(q.namedStationId);
        if (placed) return stationDetail(placed, ctx, q);
        const unplaced = catalog.getUnplaced(q.namedStationId);
        if (unplaced) {
          return {
            replies: [
              {
                text: `${unplaced.name}：有这个站，能${describeAmenities(unplaced.amenities).slice(0, 6).join('、')}，但具体位置还没核实，暂时不能导航。${unplaced.notes ? `\n${unplaced.notes}` : ''}`,
                speech: `${unplaced.name}有这个站，但位置还没核实，暂时不能导航。`,
              },
            ],
          };
        }
      }
      if (!q.origin && !q.route) {
        // "有没有便宜点吃饭的地方": what stations offer first, then the nearest once the driver says where.
        // A rare amenity (a shared kitchen) is answered with the stations having it, however the question is put.
        const few = fewWith(catalog, q, ctx);
        if (few) return few;
        if (q.asksOverview && q.wantsNearby) return { ...overview(catalog, q), state: awaitingLocation(ctx) };
        if (q.asksOverview || !q.wantsNearby) return overview(catalog, q);
        return { replies: [askLocation(ctx)], state: awaitingLocation(ctx) };
      }
      if (q.unknownToward && !q.route?.code && !q.route?.name && !q.origin) {
        return {
          replies: [{ ...askLocation(ctx), text: `没认出“${q.unknownToward}”是哪里。${askLocation(ctx).text}` }],
          state: awaitingLocation(ctx),
        };
      }
      const search = (route: RouteFilter | undefined, amenities = q.amenities) =>
        searchStations(catalog.index, {
          ...(q.kinds ? { kinds: q.kinds } : {}),
          ...(q.origin ? { point: q.origin.point } : {}),
          amenities,
          ...(route ? { route } : {}),
          now: ctx.now,
        });
      const result = search(q.route);
      // Nothing recorded on that road, but the driver said where they are: the nearest ones are still worth knowing.
      if (q.route && q.origin && result.hits.length === 0) {
        const nearby = resultReply({ ...q, route: undefined }, search(undefined), catalog, ctx);
        const first = nearby.replies[0];
        if (first)
          return {
            ...nearby,
            replies: [{ ...first, text: `${routeLabel(q.route)}上没有收录${needLabel(q)}。\n${first.text}` }, ...nearby.replies.slice(1)],
          };
      }
      // No station records that service (热饭): the nearest ones are still named, so the driver can ask there.
      if (q.amenities.length && q.origin && result.hits.length === 0) {
        const nearest = resultReply({ ...q, amenities: [] }, search(q.route, []), catalog, ctx);
        const first = nearest.replies[0];
        if (first && first.stations?.length)
          return {
            ...nearest,
            replies: [
              {
                ...first,
                text: `没有查到${needLabel(q)}的记录，可以到了问问工作人员。\n${first.text}`,
                ...(first.speech ? { speech: `没有查到${needLabel(q)}的记录。${first.speech}` } : {}),
              },
              ...nearest.replies.slice(1),
            ],
          };
      }
      return resultReply(q, result, catalog, ctx);
    },
  };
}
