// Serves the staff console (GET /staff) and the editor console (GET /editor), each with its script
// and stylesheet, under a strict Content Security Policy: no inline script or style, and connections
// only to this server. The bundles are built by the Node server at start-up (console/build.ts) and
// handed in; the Worker has no console.
import { Hono } from 'hono';
import type { AppEnvironment } from './app.js';

export interface StaffConsoleAssets {
  script: string;
  styles: string;
  /** The editor console at /editor; without it, /editor does not exist. */
  editor?: { script: string; styles: string };
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

const page = (title: string, assetPath: string) => `<!doctype html>
<html lang="da">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="same-origin" />
    <title>${title}</title>
    <link rel="stylesheet" href="${assetPath}.css" />
    <script src="${assetPath}.js" defer></script>
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
  const staffPage = page('Hospitalschat for medarbejdere', '/staff/console');
  app.get('/staff', (c) => c.html(staffPage, 200, headers));
  app.get('/staff/', (c) => c.redirect('/staff', 301));
  app.get('/staff/console.js', (c) => c.body(assets.script, 200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/staff/console.css', (c) => c.body(assets.styles, 200, { ...headers, 'Content-Type': 'text/css; charset=utf-8' }));
  const editor = assets.editor;
  if (editor !== undefined) {
    const editorPage = page('Hospitalschat for redaktører', '/editor/editor');
    app.get('/editor', (c) => c.html(editorPage, 200, headers));
    app.get('/editor/', (c) => c.redirect('/editor', 301));
    app.get('/editor/editor.js', (c) => c.body(editor.script, 200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' }));
    app.get('/editor/editor.css', (c) => c.body(editor.styles, 200, { ...headers, 'Content-Type': 'text/css; charset=utf-8' }));
  }
  return app;
}
