// A driver's own bookings in conversation: "我订的是哪天", "改到明天", "不住了" (cancel after a confirmation), answered from the bookings store.
import type { SkillResult, TurnContext } from '../core/types.js';
import type { BookingActions } from './booking-flow.js';
import type { BookingService } from './booking-service.js';
import { bookingCodeIn, dateIn } from './booking-words.js';
import type { Words } from './station-follow-up.js';

export interface BookingFollowUpDeps {
  service: Pick<BookingService, 'upcoming'>;
  booking: Pick<BookingActions, 'askCancel' | 'moveDate' | 'listReply'>;
  words: { moves: Words };
}

export function createBookingFollowUp(deps: BookingFollowUpDeps) {
  return async function bookingFollowUp(ctx: TurnContext): Promise<SkillResult | undefined> {
    if (ctx.state.flow) return undefined;
    const moves = deps.words.moves.matching(ctx.text);
    // A booking code names its booking: the booking skill cancels it at once.
    if (!moves.length || bookingCodeIn(ctx.text)) return undefined;
    // "取消" alone means a booking only right after one was talked about.
    if (moves.length === 1 && moves[0] === 'cancel' && ctx.state.lastIntent !== 'booking') return undefined;
    const upcoming = await deps.service.upcoming({ driverId: ctx.driverId }, ctx.now);
    if (!upcoming.length) {
      return moves.includes('which-day') || ctx.state.lastIntent === 'booking'
        ? { intent: 'booking', replies: [deps.booking.listReply([])] }
        : undefined;
    }
    if (moves.includes('change-date')) {
      const day = dateIn(ctx.text, ctx.now) ?? shifted(ctx.text, upcoming[0]!.day);
      if (upcoming.length > 1 && !day) return { intent: 'booking', replies: [deps.booking.listReply(upcoming)] };
      if (!day) return { intent: 'booking', replies: [{ text: '改到哪天？比如“明天”“12月3号”。' }] };
      return deps.booking.moveDate(ctx, upcoming[0]!, day);
    }
    if (moves.includes('cancel')) {
      if (upcoming.length === 1) return deps.booking.askCancel(ctx, upcoming[0]!);
      return { intent: 'booking', replies: [deps.booking.listReply(upcoming)] };
    }
    return { intent: 'booking', replies: [deps.booking.listReply(upcoming)] };
  };
}

/** "推迟一天" / "提前两天": the booked day moved by that many days. */
function shifted(text: string, day: string): string | undefined {
  const m = /(推迟|延后|往后|提前)(一|两|二|三|1|2|3)天/.exec(text);
  if (!m) return undefined;
  const n = ({ 一: 1, 两: 2, 二: 2, 三: 3 } as Record<string, number>)[m[2]!] ?? Number(m[2]);
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + (m[1] === '提前' ? -n : n));
  return d.toISOString().slice(0, 10);
}
