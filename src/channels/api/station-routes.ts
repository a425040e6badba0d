// REST for stations and bookings (/api/stations, /api/bookings), behind the same bearer key as /api/chat.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireBearer } from '../../http/bearer.js';
import { jsonBodyLimit, readJson, validate } from '../../http/json-body.js';
import { AppError } from '../../errors.js';
import type { Config } from '../../config.js';
import type { DriverDirectory } from '../../core/ports.js';
import type { StationsModule } from '../../stations/stations-module.js';
import { bookingView } from '../../stations/booking-flow.js';
import { BookingError } from '../../stations/booking-service.js';
import type { Booking } from '../../stations/ports.js';
import { toCard } from '../../stations/station-cards.js';
import { openNowFor, searchStations } from '../../stations/station-search.js';
import { AMENITIES, STATION_KINDS } from '../../stations/station-schema.js';
import { API_CHANNEL } from './chat-routes.js';

const listQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  amenity: z
    .string()
    .max(200)
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.enum(AMENITIES))),
  kind: z.enum(STATION_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(3),
  reachKm: z.coerce.number().min(1).max(2000).default(80),
});

const bookingBody = z.strictObject({
  date: z.string().max(10),
  name: z.string().max(40),
  phone: z.string().max(20),
  showerAt: z.string().max(5).optional(),
  /** The gateway's user id, so the booking shows up in that driver's conversation too. */
  userId: z.string().min(1).max(128).optional(),
});

const code = z.string().regex(/^NX[2-9A-HJKMNP-Z]{6}$/i, 'a booking code like NX7K3M9Q');

/** Who asks about a booking: the phone it was made with, or the gateway user who made it. A code alone is not enough. */
const bookerQuery = z
  .object({ phone: z.string().max(20).optional(), userId: z.string().min(1).max(128).optional() })
  .refine((q) => q.phone || q.userId, { message: '请提供预约时留的手机号（phone）或预约人的 userId', path: ['phone'] });

/** What the station and booking API uses of the runtime. */
export interface StationApiDeps {
  config: Pick<Config, 'chatApiKey'>;
  stations: StationsModule;
  conversations: Pick<DriverDirectory, 'findDriver'>;
  clock: () => Date;
}

export function stationRoutes(runtime: StationApiDeps): Hono {
  const app = new Hono();
  const { catalog, bookings } = runtime.stations;
  // Per route, not app.use('*'): this app is mounted at /api, and a wildcard would also guard the browser's /api/voice.
  const auth = requireBearer(runtime.config.chatApiKey);

  app.get('/stations', auth, async (c) => {
    const q = validate(listQuery, c.req.query());
    await catalog.refreshIfStale();
    const result = searchStations(catalog.index, {
      point: { lat: q.lat, lon: q.lon },
      amenities: q.amenity,
      ...(q.kind ? { kinds: [q.kind] } : {}),
      limit: q.limit,
      reachKm: q.reachKm,
      now: runtime.clock(),
    });
    return c.json({ withinReach: result.withinReach, stations: result.hits.map(toCard) });
  });

  app.get('/stations/:id', auth, async (c) => {
    await catalog.refreshIfStale();
    const station = catalog.get(c.req.param('id'));
    if (!station) throw new AppError('not_found', 'no such station', 'id');
    const open = openNowFor(station, [], runtime.clock());
    return c.json({ station: toCard({ station, ...(open === undefined ? {} : { openNow: open }) }) });
  });

  app.post('/stations/:id/bookings', auth, jsonBodyLimit(), async (c) => {
    const body = await readJson(c, bookingBody);
    const driverId = body.userId ? await runtime.conversations.findDriver(API_CHANNEL, body.userId) : undefined;
    try {
      const booking = await bookings.book(
        {
          stationId: c.req.param('id'),
          day: body.date,
          name: body.name,
          phone: body.phone,
          showerAt: body.showerAt ?? null,
          driverId: driverId ?? null,
          channel: API_CHANNEL,
        },
        runtime.clock(),
      );
      return c.json({ booking: bookingView(booking, catalog) }, 201);
    } catch (err) {
      if (!(err instanceof BookingError)) throw err;
      if (err.problem === 'full') {
        return c.json(
          { error: { code: 'conflict', message: err.message, field: err.field, problem: err.problem }, alternatives: err.alternatives },
          409,
        );
      }
      if (err.problem === 'phone_already_booked')
        return c.json({ error: { code: 'conflict', message: err.message, field: err.field, problem: err.problem } }, 409);
      if (err.problem === 'unknown_station')
        return c.json({ error: { code: 'not_found', message: err.message, field: err.field, problem: err.problem } }, 404);
      return c.json({ error: { code: 'bad_request', message: err.message, field: err.field, problem: err.problem } }, 400);
    }
  });

  /** The booking when the caller is its booker; otherwise the same 404 as for a code that does not exist, so codes cannot be probed. */
  async function ownBooking(c: Context): Promise<Booking> {
    const parsed = validate(z.object({ code }), { code: c.req.param('code') });
    const who = validate(bookerQuery, c.req.query());
    const booking = await bookings.find(parsed.code.toUpperCase());
    const driverId = who.userId ? await runtime.conversations.findDriver(API_CHANNEL, who.userId) : undefined;
    const owns = booking && ((who.phone !== undefined && who.phone === booking.phone) || (driverId !== undefined && driverId === booking.driverId));
    if (!booking || !owns) throw new AppError('not_found', '没有找到这个预约，请核对预约码和预约时留的手机号', 'code');
    return booking;
  }

  app.get('/bookings/:code', auth, async (c) => c.json({ booking: bookingView(await ownBooking(c), catalog) }));

  app.delete('/bookings/:code', auth, async (c) => {
    const booking = await ownBooking(c);
    const cancelled = await bookings.cancel(booking.code);
    return c.json({ booking: bookingView(cancelled ?? booking, catalog) });
  });

  return app;
}
