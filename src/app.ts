// The Hono application: health check, metrics, the public chat API, stations and bookings, and the error mapping shared by every route.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ConflictError, MessageIdReusedError } from './core/ports.js';
import { AppError, databaseUnavailableCode, loggableError } from './errors.js';
import { chatRoutes } from './channels/api/chat-routes.js';
import { requireBearer } from './http/bearer.js';
import { stationRoutes } from './channels/api/station-routes.js';
import { staffRoutes } from './channels/staff/page-routes.js';
import type { Runtime } from './runtime.js';
import { oaChannelFor } from './channels/wechat-oa/routes.js';
import { voiceRoutes } from './channels/voice/routes.js';
import { webRoutes } from './channels/web/routes.js';
import { refuseUnsafeUrl } from './http/text-guard.js';

export function createApp(runtime: Runtime): Hono {
  const app = new Hono();

  // Counted here, after the error mapping below has chosen the status, so every route's 503 is seen once.
  app.use('*', async (c, next) => {
    await next();
    if (c.res.status === 503) runtime.metrics.unavailable();
  });

  app.onError((err, c) => {
    if (err instanceof AppError) return c.json(err.toBody(), err.status);
    // hono's own middleware (csrf origin check, body limit) throws these.
    if (err instanceof HTTPException && err.status === 403) return c.json(new AppError('forbidden', 'cross-origin request refused').toBody(), 403);
    if (err instanceof MessageIdReusedError) {
      return c.json(new AppError('message_id_reused', '这个消息编号已经用于另一条内容不同的消息；新消息请换一个编号', 'messageId').toBody(), 409);
    }
    if (err instanceof ConflictError) {
      return c.json(new AppError('conflict', '上一条消息还在处理，请稍后再发一次').toBody(), 409);
    }
    const unavailable = databaseUnavailableCode(err);
    if (unavailable) {
      runtime.metrics.databaseError();
      // The code only: drizzle's message carries the query's parameters, a driver's own words among them.
      runtime.log.warn('database unavailable', { path: c.req.path, code: unavailable });
      c.header('retry-after', '2');
      return c.json(new AppError('unavailable', '系统正忙，您的消息没有丢，请稍后点重试').toBody(), 503);
    }
    runtime.log.error('request failed', { path: c.req.path, ...loggableError(err) });
    return c.json(new AppError('internal', '系统出了点问题，请再试一次').toBody(), 500);
  });
  app.notFound((c) => c.json(new AppError('not_found', `no route for ${c.req.method} ${c.req.path}`).toBody(), 404));

  // Access log at debug level: method, path (never the query, which may carry ids), status and time taken.
  app.use('*', async (c, next) => {
    const started = Date.now();
    await next();
    runtime.log.debug('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Date.now() - started });
  });
  app.use('*', refuseUnsafeUrl());
  app.get('/healthz', (c) => c.json({ ok: true }));
  const exposition = runtime.metricsExposition;
  if (exposition) {
    // Behind the same bearer key as the chat API: counts by channel and intent say how the service is used.
    app.get('/metrics', requireBearer(runtime.config.chatApiKey), async (c) =>
      c.body(await exposition.render(), 200, { 'content-type': exposition.contentType }),
    );
  }
  app.route('/api/chat', chatRoutes(runtime));
  app.route('/api', stationRoutes(runtime));
  const oa = oaChannelFor(runtime);
  if (oa) app.route('/wechat/oa', oa.routes);
  app.route('/voice', voiceRoutes(runtime));
  app.route('/', webRoutes(runtime));
  app.route('/staff', staffRoutes(runtime));

  return app;
}
