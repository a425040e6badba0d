// The console's scripts: its own small client scripts and ECharts for the dashboard, all from this origin (the CSP allows no other).
import { Hono } from 'hono';
import { STAFF_STATIC_FILES } from '../../assets/assets.js';
import type { StaffChannelDeps, StaffEnv } from './session.js';

export function staffAssetRoutes(runtime: Pick<StaffChannelDeps, 'chartLibrary' | 'assets'>): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  // The console's own scripts are static files (src/channels/staff/static), linted for the browser and carried in the assets.
  for (const name of STAFF_STATIC_FILES) {
    app.get(`/${name}`, (c) => {
      c.header('content-type', 'text/javascript; charset=utf-8');
      c.header('cache-control', 'no-cache');
      return c.body(runtime.assets.staffStatic[name]);
    });
  }
  // ECharts from node_modules (never a CDN: the CSP allows this origin's scripts only); gzipped when the browser accepts it.
  app.get('/echarts.min.js', (c) => {
    const lib = runtime.chartLibrary?.();
    if (!lib) return c.text('chart library not installed', 404);
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=86400');
    c.header('etag', lib.etag);
    c.header('vary', 'accept-encoding');
    if (c.req.header('if-none-match') === lib.etag) return c.body(null, 304);
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      c.header('content-encoding', 'gzip');
      return c.body(lib.gzip as Uint8Array<ArrayBuffer>);
    }
    return c.body(lib.body as Uint8Array<ArrayBuffer>);
  });
  return app;
}
