// Serves the staff console (GET /staff, its script and stylesheet) with a strict Content Security
// Policy: no inline script or style, and connections only to this server. The bundle is built by
// the Node server at start-up (console/build.ts) and handed in; the Worker has no console.
import { Hono } from 'hono';
import type { AppEnvironment } from './app.js';

export interface StaffConsoleAssets {
  script: string;
  styles: string;
}

export const staffConsolePolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const page = `<!doctype html>
<html lang="da">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="same-origin" />
    <title>Hospitalschat for medarbejdere</title>
    <link rel="stylesheet" href="/staff/console.css" />
    <script src="/staff/console.js" defer></script>
  </head>
  <body>
    <a class="skip" href="#main">Gå til indholdet</a>
    <div id="top"></div>
    <main id="main" tabindex="-1"><p>Henter konsollen …</p><noscript><p>Konsollen kræver JavaScript.</p></noscript></main>
    <div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
  </body>
</html>
`;

/** @example app.route('/', staffConsoleRoutes(await buildConsole())) */
export function staffConsoleRoutes(assets: StaffConsoleAssets) {
  const app = new Hono<AppEnvironment>();
  const headers = { 'Content-Security-Policy': staffConsolePolicy, 'Cache-Control': 'no-cache' };
  app.get('/staff', (c) => c.html(page, 200, headers));
  app.get('/staff/', (c) => c.redirect('/staff', 301));
  app.get('/staff/console.js', (c) => c.body(assets.script, 200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/staff/console.css', (c) => c.body(assets.styles, 200, { ...headers, 'Content-Type': 'text/css; charset=utf-8' }));
  return app;
}
