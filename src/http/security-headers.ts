// Security headers on every response. HTML pages of the app may not be framed; API JSON is never
// cached. Scripts (the widget) are loaded cross-origin by hospital sites, so they are marked
// Cross-Origin-Resource-Policy: cross-origin, never same-origin.
import type { MiddlewareHandler } from 'hono';

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const set = (name: string, value: string) => {
      try {
        c.res.headers.set(name, value);
      } catch {
        // Immutable headers (a Response passed through from fetch): copy it once, then set.
        c.res = new Response(c.res.body, c.res);
        c.res.headers.set(name, value);
      }
    };
    const type = (c.res.headers.get('content-type') ?? '').toLowerCase();
    set('X-Content-Type-Options', 'nosniff');
    set('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (type.startsWith('text/html')) {
      set('X-Frame-Options', 'DENY');
      if (!c.res.headers.has('content-security-policy')) set('Content-Security-Policy', "frame-ancestors 'none'");
    }
    if (type.includes('javascript')) set('Cross-Origin-Resource-Policy', 'cross-origin');
    if (c.req.path.startsWith('/api/') && type.startsWith('application/json')) set('Cache-Control', 'no-store');
  };
}
