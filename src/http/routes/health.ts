// Liveness and readiness for orchestrators: /healthz says the process answers, /readyz that the
// search index and the database are open (and how much content is served).
import { Hono } from 'hono';
import type { Database } from '../../db/database.js';
import type { SearchIndex } from '../../search/search-index.js';

export function healthRoutes(dependencies: { index: SearchIndex; database: Database }) {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const checks: Record<string, string> = {};
    let ready = true;
    try {
      await dependencies.database.ping();
      checks['database'] = 'ok';
    } catch {
      checks['database'] = 'unavailable';
      ready = false;
    }
    let chunks = 0;
    try {
      chunks = await dependencies.index.count();
      checks['searchIndex'] = chunks > 0 ? 'ok' : 'empty';
      if (chunks === 0) ready = false;
    } catch {
      checks['searchIndex'] = 'unavailable';
      ready = false;
    }
    return c.json({ status: ready ? 'ready' : 'not-ready', checks, chunks }, ready ? 200 : 503);
  });
  return app;
}
