// The Hono application: health check, the public chat API, stations and bookings, and the error mapping shared by every route.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ConflictError } from './core/ports.js';
import { AppError, isDatabaseUnavailable } from './errors.js';
import { chatRoutes } from './channels/api/chat-routes.js';
import { stationRoutes } from './channels/api/station-routes.js';
import { staffRoutes } from './channels/staff/page-routes.js';
import type { Runtime } from './runtime.js';
import { oaChannelFor } from './channels/wechat-oa/routes.js';
import { voiceRoutes } from './channels/voice/routes.js';
import { webRoutes } from './channels/web/routes.js';

export function createApp(runtime: Runtime): Hono {
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof AppError) return c.json(err.toBody(), err.status);
    // hono's own middleware (csrf origin check, body limit) throws these.
    if (err instanceof HTTPException && err.status === 403) return c.json(new AppError('forbidden', 'cross-origin request refused').toBody(), 403);
    if (err instanceof ConflictError) {
      return c.json(new AppError('conflict', '上一条消息还在处理，请稍后再发一次').toBody(), 409);
    }
    if (isDatabaseUnavailable(err)) {
      runtime.log.warn('database unavailable', { path: c.req.path, error: err.message });
      c.header('retry-after', '2');
      return c.json(new AppError('unavailable', '系统正忙，您的消息没有丢，请稍后点重试').toBody(), 503);
    }
    runtime.log.error('request failed', { path: c.req.path, error: err.message, stack: err.stack });
    return c.json(new AppError('internal', '系统出了点问题，请再试一次').toBody(), 500);
  });
  app.notFound((c) => c.json(new AppError('not_found', `no route for ${c.req.method} ${c.req.path}`).toBody(), 404));

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/api/chat', chatRoutes(runtime));
  app.route('/api', stationRoutes(runtime));
  const oa = oaChannelFor(runtime);
  if (oa) app.route('/wechat/oa', oa.routes);
  app.route('/voice', voiceRoutes(runtime));
  app.route('/', webRoutes(runtime));
  app.route('/staff', staffRoutes(runtime));

  return app;
}
