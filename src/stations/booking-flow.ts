// The `booking` skill and flow: collects station, date, name and phone across turns, confirms, books, cancels and lists bookings.
import type { Flow, FlowState, Reply, Skill, SkillResult, TurnContext } from '../core/types.js';
import { bookingCodeIn, dateIn, daysBetween, looksLikeBadPhone, maskPhone, nameIn, phoneIn, saysNo, saysYes, showerSlotIn } from './booking-words.js';
import { bookable, BookingError, formatDay, MAX_DAYS_AHEAD, type Alternative, type BookingService } from './booking-service.js';
import { chinaClock } from './opening-hours.js';
import type { Booking } from './ports.js';
import type { StationCatalog } from './station-catalog.js';
import { LAST_STATIONS_KEY } from './station-skill.js';
import type { PlaceMatch } from './place-finder.js';
import { DEFAULT_REACH_KM } from './station-search.js';

export const BOOKING_FLOW = 'booking';

interface BookingForm {
  stage: 'collect' | 'confirm' | 'cancel_confirm';
  stationId?: string;
  day?: string;
  name?: string;
  phone?: string;
  showerAt?: string;
  /** Stations the driver can pick by number ("第2个"). */
  options?: string[];
  cancelCode?: string;
}

const CANCEL_WORDS = /取消|退订|不要了|不住了|退掉/;
const LIST_WORDS = /我的(预约|订单|床位)|查(一下|下)?(我的)?(预约|订单)|订了(哪些|什么|几个)|预约记录/;
const ORDINAL = /第\s*([1-9一二三四五])\s*个|^([1-9])$|^([一二三四五])$/;
const CN_ORD: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };
/** Stations offered for a booking sent with a location; a voice reply names only the first. */
const NEAREST_BOOKING_CHOICES = 3;

export interface BookingView {
  code: string;
  stationId: string;
  stationName: string;
  day: string;
  name: string;
  phone: string;
  showerAt: string | null;
  status: Booking['status'];
}

export function bookingView(b: Booking, catalog: StationCatalog): BookingView {
  return {
    code: b.code,
    stationId: b.stationId,
    stationName: catalog.get(b.stationId)?.name ?? b.stationId,
    day: b.day,
    name: b.name,
    phone: maskPhone(b.phone),
    showerAt: b.showerAt,
    status: b.status,
  };
}

function formState(ctx: TurnContext, form: BookingForm | undefined): FlowState {
  const { flow: _drop, ...rest } = ctx.state;
  if (!form) return rest;
  return {
    ...rest,
    flow: {
      name: BOOKING_FLOW,
      data: { ...form },
      startedAt: ctx.state.flow?.name === BOOKING_FLOW ? ctx.state.flow.startedAt : ctx.now.toISOString(),
    },
  };
}

function pickOrdinal(text: string, options: readonly string[] | undefined): string | undefined {
  const m = ORDINAL.exec(text.trim());
  if (!m || !options?.length) return undefined;
  const raw = m[1] ?? m[2] ?? m[3] ?? '';
  const n = CN_ORD[raw] ?? Number(raw);
  return options[n - 1];
}

export interface BookingActions {
  skill: Skill;
  flow: Flow;
  /** Starts the form from a station the driver referred to (or the list to choose from), reading any date in the message. */
  start(ctx: TurnContext, seed: { stationId?: string; options?: string[] }): SkillResult;
  /** Asks to confirm cancelling a booking. */
  askCancel(ctx: TurnContext, booking: Booking): SkillResult;
  /** Moves a booking to another night: the new night is booked first, so a full night keeps the old one. */
  moveDate(ctx: TurnContext, booking: Booking, day: string): Promise<SkillResult>;
  listReply(bookings: Booking[]): Reply;
}

export function createBooking(catalog: StationCatalog, service: BookingService): BookingActions {
  const stationName = (id: string | undefined) => (id ? (catalog.get(id)?.name ?? id) : '');

  /** A county named for a booking ("沿滩的 帮我约个床位") means its station when it has exactly one bookable station. */
  function onlyStationIn(found: readonly PlaceMatch[]): string | undefined {
    const county = found.find((p) => p.kind === 'county');
    if (county?.kind !== 'county') return undefined;
    const there = catalog.all().filter((s) => s.countyCode === county.code && bookable(s));
    return there.length === 1 ? there[0]?.id : undefined;
  }

  /** Reads whatever booking details this message carries; problems are answered before asking for more. */
  function absorb(
    ctx: TurnContext,
    form: BookingForm,
    expecting: keyof BookingForm | undefined,
  ): { form: BookingForm; problems: string[]; changed: boolean } {
    const next = { ...form };
    const problems: string[] = [];
    const text = ctx.text;
    const options = form.options ?? (ctx.state[LAST_STATIONS_KEY] as string[] | undefined);

    const found = catalog.places.find(text);
    const named = found.find((p) => p.kind === 'station');
    const picked = named?.kind === 'station' ? named.id : (pickOrdinal(text, options) ?? onlyStationIn(found));
    if (picked) {
      const s = catalog.get(picked);
      // A station known only by name (its place unverified) is named as the driver knows it, never by its id.
      if (!s) problems.push(`${named?.kind === 'station' && named.id === picked ? named.name : stationName(picked)}的位置还没核实，暂时不能预约。`);
      else if (!bookable(s)) problems.push(`${s.name}没有可预约的床位。`);
      else next.stationId = s.id;
    }
    const day = dateIn(text, ctx.now);
    if (day) {
      const ahead = daysBetween(chinaClock(ctx.now).date, day);
      if (ahead < 0) problems.push(`${formatDay(day)}已经过去了，请说今天或以后的日期。`);
      else if (ahead > MAX_DAYS_AHEAD) problems.push(`最多只能预约${MAX_DAYS_AHEAD}天以内的床位，${formatDay(day)}太远了。`);
      else next.day = day;
    }
    const phone = phoneIn(text);
    if (phone) next.phone = phone;
    else if (looksLikeBadPhone(text)) problems.push('这个手机号好像不对，请发11位手机号，比如13812345678。');
    const name = nameIn(text, { bare: expecting === 'name' });
    if (name) next.name = name;
    const shower = showerSlotIn(text);
    if (shower) next.showerAt = shower;
    const changed = (['stationId', 'day', 'phone', 'name', 'showerAt'] as const).some((k) => next[k] !== form[k]);
    return { form: next, problems, changed };
  }

  function missing(form: BookingForm): keyof BookingForm | undefined {
    if (!form.stationId) return 'stationId';
    if (!form.day) return 'day';
    if (!form.name) return 'name';
    if (!form.phone) return 'phone';
    return undefined;
  }

  function askFor(field: keyof BookingForm, form: BookingForm, ctx: TurnContext): Reply {
    const options =
      form.options ?? (ctx.state[LAST_STATIONS_KEY] as string[] | undefined)?.filter((id) => catalog.get(id) && bookable(catalog.get(id)!));
    switch (field) {
      case 'stationId':
        return options?.length
          ? {
              text: `预约哪个站？\n${options.map((id, i) => `${i + 1}. ${stationName(id)}`).join('\n')}\n回复序号就行。`,
              quickReplies: options.map((_, i) => `${i + 1}`),
            }
          : { text: '预约哪个站？说站名就行，比如“金堂服务区”，或者先发个位置我帮您找。', quickReplies: ['附近的暖心之家'] };
      case 'day':
        return { text: `${stationName(form.stationId)}，哪天入住？比如“今晚”“明天”“12月3号”。`, quickReplies: ['今晚', '明天', '后天'] };
      case 'name':
        // Read back what the first message settled, so a misheard station or day is caught before the form goes on.
        return { text: `${stationName(form.stationId)}，${formatDay(form.day!)}入住。入住人姓名？` };
      default:
        return { text: '联系手机号？（11位，只用于站点联系您）', expects: 'phone' };
    }
  }

  function confirmReply(form: BookingForm): Reply {
    const text = `请确认预约：${stationName(form.stationId)}，${formatDay(form.day!)}入住1晚，姓名${form.name}，电话${maskPhone(form.phone!)}${form.showerAt ? `，洗澡${form.showerAt}` : ''}。回复“确认”完成预约，回复“取消”放弃。`;
    return { text, speech: text.replace(/，电话[^，。]*/, ''), quickReplies: ['确认', '取消'] };
  }

  /**
   * A booking sent with the driver's location but no station ("就这附近帮我订个床") offers the nearest bookable stations to
   * pick by number, rather than asking for a name the driver may not know.
   */
  function nearestChoices(ctx: TurnContext, form: BookingForm, problems: string[]): SkillResult | undefined {
    if (!ctx.location || form.options) return undefined;
    const near = catalog.index.nearest(ctx.location, { limit: NEAREST_BOOKING_CHOICES, maxKm: DEFAULT_REACH_KM, accept: bookable });
    if (!near.length) return undefined;
    const km = (d: number) => (d < 1 ? '不到1公里' : `约${Math.round(d)}公里`);
    const list = near.map((n, i) => `${i + 1}. ${n.item.name}（${km(n.distanceKm)}）`).join('\n');
    const first = near[0]!;
    const reply: Reply = {
      text: `离您最近能预约的：\n${list}\n回复序号预约。`,
      speech: `离您最近能预约的是${first.item.name}，${km(first.distanceKm)}，订这个就回复1。`,
      quickReplies: near.map((_, i) => `${i + 1}`),
    };
    const options = near.map((n) => n.item.id);
    return { intent: 'booking', state: formState(ctx, { ...form, stage: 'collect', options }), replies: [withProblems(reply, problems)] };
  }

  function nextStep(ctx: TurnContext, form: BookingForm, problems: string[]): SkillResult {
    const need = missing(form);
    if (need === 'stationId') {
      const choices = nearestChoices(ctx, form, problems);
      if (choices) return choices;
    }
    if (!need)
      return { intent: 'booking', state: formState(ctx, { ...form, stage: 'confirm' }), replies: [withProblems(confirmReply(form), problems)] };
    return { intent: 'booking', state: formState(ctx, { ...form, stage: 'collect' }), replies: [withProblems(askFor(need, form, ctx), problems)] };
  }

  async function commit(ctx: TurnContext, form: BookingForm): Promise<SkillResult> {
    try {
      const booking = await service.book(
        {
          stationId: form.stationId!,
          day: form.day!,
          name: form.name!,
          phone: form.phone!,
          showerAt: form.showerAt ?? null,
          driverId: ctx.driverId,
          channel: ctx.channel,
        },
        ctx.now,
      );
      const view = bookingView(booking, catalog);
      const text = `预约成功！预约码 ${booking.code}。${view.stationName}，${formatDay(booking.day)}入住${booking.showerAt ? `，洗澡${booking.showerAt}` : ''}。到站出示预约码和驾驶证登记。要取消就说“取消预约 ${booking.code}”。`;
      return {
        intent: 'booking',
        state: formState(ctx, undefined),
        replies: [{ text, speech: `预约成功，预约码${booking.code.split('').join(' ')}。`, booking: view }],
      };
    } catch (err) {
      if (!(err instanceof BookingError)) throw err;
      if (err.problem === 'full') return fullReply(ctx, form, err.message, err.alternatives);
      // Asking for the phone again would loop: the driver already holds that night's bed.
      if (err.problem === 'phone_already_booked')
        return { intent: 'booking', state: formState(ctx, undefined), replies: [{ text: `${err.message}。` }] };
      const cleared: BookingForm = { ...form, stage: 'collect' };
      if (err.field === 'stationId') delete cleared.stationId;
      if (err.field === 'date') delete cleared.day;
      if (err.field === 'phone') delete cleared.phone;
      if (err.field === 'name') delete cleared.name;
      if (err.field === 'showerAt') delete cleared.showerAt;
      return nextStep(ctx, cleared, [`${err.message}。`]);
    }
  }

  function fullReply(ctx: TurnContext, form: BookingForm, message: string, alternatives: Alternative[]): SkillResult {
    const { stationId: _full, ...rest } = form;
    if (!alternatives.length) {
      return {
        intent: 'booking',
        state: formState(ctx, undefined),
        replies: [{ text: `${message}，附近也没有空床位了。可以换个日期再试。`, quickReplies: ['明天', '附近的暖心之家'] }],
      };
    }
    const list = alternatives.map((a, i) => `${i + 1}. ${a.name}（约${a.distanceKm}公里，还剩${a.freeBeds}个床位）`).join('\n');
    return {
      intent: 'booking',
      state: formState(ctx, { ...rest, stage: 'collect', options: alternatives.map((a) => a.stationId) }),
      replies: [
        {
          text: `${message}。附近还有空床位：\n${list}\n回复序号改订，或回复“取消”。`,
          speech: `${message}，最近有空床的是${alternatives[0]!.name}，回复1改订。`,
          quickReplies: [...alternatives.map((_, i) => `${i + 1}`), '取消'],
        },
      ],
    };
  }

  function listReply(bookings: Booking[]): Reply {
    if (!bookings.length) return { text: '您名下没有待入住的预约。要订床位就说“预约床位”。', quickReplies: ['附近的暖心之家'] };
    const lines = bookings.map(
      (b, i) => `${i + 1}. ${b.code} ${stationName(b.stationId)} ${formatDay(b.day)}${b.showerAt ? ` 洗澡${b.showerAt}` : ''}`,
    );
    return {
      text: `您的预约：\n${lines.join('\n')}\n要取消就说“取消预约 预约码”。`,
      speech: `您有${bookings.length}个预约，最近一个是${formatDay(bookings[0]!.day)}在${stationName(bookings[0]!.stationId)}。`,
    };
  }

  async function cancelByCode(ctx: TurnContext, code: string): Promise<SkillResult> {
    const found = await service.find(code);
    if (!found || found.driverId !== ctx.driverId) {
      return { intent: 'booking', state: formState(ctx, undefined), replies: [{ text: `没找到您名下预约码为 ${code} 的预约，请核对一下。` }] };
    }
    if (found.status === 'cancelled')
      return { intent: 'booking', state: formState(ctx, undefined), replies: [{ text: `预约 ${code} 之前已经取消了。` }] };
    const cancelled = await service.cancel(code);
    const view = bookingView(cancelled ?? found, catalog);
    return {
      intent: 'booking',
      state: formState(ctx, undefined),
      replies: [{ text: `已取消预约 ${code}（${view.stationName}，${formatDay(view.day)}）。`, booking: { ...view, status: 'cancelled' } }],
    };
  }

  function askCancel(ctx: TurnContext, b: Booking): SkillResult {
    return {
      intent: 'booking',
      state: formState(ctx, { stage: 'cancel_confirm', cancelCode: b.code }),
      replies: [
        { text: `要取消 ${b.code}（${stationName(b.stationId)}，${formatDay(b.day)}）吗？回复“确认”取消。`, quickReplies: ['确认', '不取消'] },
      ],
    };
  }

  function start(ctx: TurnContext, seed: { stationId?: string; options?: string[] }): SkillResult {
    const base: BookingForm = {
      stage: 'collect',
      ...(seed.stationId ? { stationId: seed.stationId } : {}),
      ...(seed.options ? { options: seed.options } : {}),
    };
    const { form, problems } = absorb(ctx, base, undefined);
    return nextStep(ctx, form, problems);
  }

  async function moveDate(ctx: TurnContext, b: Booking, day: string): Promise<SkillResult> {
    if (day === b.day) return { intent: 'booking', replies: [{ text: `您的预约 ${b.code} 本来就是${formatDay(day)}，不用改。` }] };
    try {
      const moved = await service.book(
        { stationId: b.stationId, day, name: b.name, phone: b.phone, showerAt: b.showerAt, driverId: ctx.driverId, channel: ctx.channel },
        ctx.now,
      );
      await service.cancel(b.code);
      const view = bookingView(moved, catalog);
      const text = `已改好：${view.stationName}，${formatDay(moved.day)}入住，新预约码 ${moved.code}（原来${formatDay(b.day)}的 ${b.code} 已取消）。`;
      return {
        intent: 'booking',
        state: formState(ctx, undefined),
        replies: [{ text, speech: `已改到${formatDay(moved.day)}，新预约码${moved.code.split('').join(' ')}。`, booking: view }],
      };
    } catch (err) {
      if (!(err instanceof BookingError)) throw err;
      return { intent: 'booking', replies: [{ text: `${err.message}。原来${formatDay(b.day)}的预约 ${b.code} 还保留着。` }] };
    }
  }

  const skill: Skill = {
    async handle(ctx) {
      await catalog.refreshIfStale();
      const text = ctx.text;
      if (LIST_WORDS.test(text)) return { intent: 'booking', replies: [listReply(await service.upcoming({ driverId: ctx.driverId }, ctx.now))] };
      if (CANCEL_WORDS.test(text)) {
        const code = bookingCodeIn(text);
        if (code) return cancelByCode(ctx, code);
        const upcoming = await service.upcoming({ driverId: ctx.driverId }, ctx.now);
        if (upcoming.length === 1) return askCancel(ctx, upcoming[0]!);
        return { intent: 'booking', replies: [listReply(upcoming)] };
      }
      const { form, problems } = absorb(ctx, { stage: 'collect' }, undefined);
      return nextStep(ctx, form, problems);
    },
  };

  const flow: Flow = {
    name: BOOKING_FLOW,
    async continue(ctx) {
      const form = (ctx.state.flow?.data ?? { stage: 'collect' }) as unknown as BookingForm;
      const text = ctx.text;
      if (form.stage === 'cancel_confirm') {
        if (saysYes(text) && form.cancelCode) return cancelByCode(ctx, form.cancelCode);
        if (saysNo(text) || /不取消/.test(text))
          return { intent: 'booking', state: formState(ctx, undefined), replies: [{ text: '好的，预约保留。' }] };
        return undefined;
      }
      const code = bookingCodeIn(text);
      if (code && CANCEL_WORDS.test(text)) return cancelByCode(ctx, code);
      if (saysNo(text) || /^(不订了|不预约了|不要预约了|算了吧?)/.test(text)) {
        return { intent: 'booking', state: formState(ctx, undefined), replies: [{ text: '好的，这次预约不办了。需要时再找我。' }] };
      }
      if (form.stage === 'confirm' && saysYes(text)) return commit(ctx, form);
      const { form: next, problems, changed } = absorb(ctx, form, missing(form));
      // The location the station question invited ("或者先发个位置"): the nearest bookable stations, not a station search.
      if (!next.stationId && ctx.location) {
        const { options: _shown, ...unlisted } = next;
        const choices = nearestChoices(ctx, unlisted, problems);
        if (choices) return choices;
      }
      if (!changed && !problems.length) {
        // Not booking details: another question. A short unclear reply gets the question again.
        if (Array.from(text).length > 4 && !/^[\d\s]+$/.test(text)) return undefined;
        return { intent: 'booking', replies: [form.stage === 'confirm' ? confirmReply(form) : askFor(missing(form) ?? 'stationId', form, ctx)] };
      }
      return nextStep(ctx, next, problems);
    },
    resumePrompt(ctx) {
      const data = ctx.state.flow?.name === BOOKING_FLOW ? (ctx.state.flow.data as unknown as BookingForm) : undefined;
      if (!data) return undefined;
      if (data.stage === 'cancel_confirm') return { text: `（还在等您确认是否取消 ${data.cancelCode}，回复“确认”或“不取消”。）` };
      if (data.stage === 'confirm') return { text: '（床位预约还差您一句“确认”，或回复“取消”放弃。）' };
      const need = missing(data);
      const label = need === 'stationId' ? '站点' : need === 'day' ? '入住日期' : need === 'name' ? '姓名' : '手机号';
      return { text: `（床位预约还差${label}，直接告诉我就行；回复“取消”放弃。）` };
    },
  };

  return { skill, flow, start, askCancel, moveDate, listReply };
}

function withProblems(reply: Reply, problems: string[]): Reply {
  if (!problems.length) return reply;
  return { ...reply, text: `${problems.join('')}\n${reply.text}` };
}
