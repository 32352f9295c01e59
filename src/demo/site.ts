// The demo hospital websites (DEMO DATA, fictional hospitals): a front page with the chat widget,
// the patient-information pages as they are on disk, and the practical pages rendered from the
// same structured data the bot answers from. Node-only: it reads the content directory.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { readPages, readPracticalInfo } from '../../ingest/pipeline.js';
import type { ParsedPage } from '../../ingest/pages/parse-html.js';
import { practicalPages } from '../../ingest/practical/pages.js';
import type { PracticalInfo } from '../../ingest/practical/schema.js';

const slugPattern = /^[a-z0-9-]{1,100}$/;

const style = `
  body { font: 17px/1.55 system-ui, sans-serif; margin: 0; color: #1d2329; background: #fff; }
  .demo-flag { background: #fff3c4; color: #4a3b00; padding: .5rem 1rem; margin: 0; font-weight: 600; }
  header, main, footer { max-width: 62rem; margin: 0 auto; padding: 1rem; }
  header a { color: #0b4f6c; font-weight: 700; font-size: 1.3rem; text-decoration: none; }
  nav ul { display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; list-style: none; padding: 0; }
  a { color: #0b4f6c; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .6rem; list-style: none; padding: 0; }
  .cards a { display: block; padding: .7rem .9rem; border: 1px solid #c9d3db; border-radius: 6px; text-decoration: none; }
  footer { color: #4b5661; border-top: 1px solid #dde3e8; }
`;

// The fictional sites ship no stylesheet of their own; this keeps the demo readable.
const pinfoStyle = `body { font: 17px/1.55 system-ui, sans-serif; max-width: 62rem; margin: 0 auto; padding: 0 1rem; color: #1d2329; }
  a { color: #0b4f6c; } table { border-collapse: collapse; } th, td { border: 1px solid #c9d3db; padding: .3rem .6rem; text-align: left; }
  .demo-flag { background: #fff3c4; color: #4a3b00; font-weight: 600; padding: .3rem .6rem; }`;

function widgetTag(hospital: string) {
  return html`<script src="/widget.js" data-hospital="${hospital}" data-lang="da" async></script>`;
}

function layout(info: PracticalInfo, title: string, body: ReturnType<typeof html>) {
  const { hospital, sections } = info;
  return html`<!doctype html>
<html lang="da">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} – ${hospital.name} (demo)</title>
    <style>${raw(style)}</style>
  </head>
  <body>
    <p class="demo-flag" role="note">DEMO – ${hospital.name} er et fiktivt hospital. Alt indhold er skrevet til demonstration og er ikke rigtig sundhedsinformation.</p>
    <header>
      <a href="${hospital.url}">${hospital.name}</a>
      <nav aria-label="Praktisk information">
        <ul>
          ${[sections.parking, sections.transport, sections.wayfinding, sections.visiting, sections.facilities, sections.contact].map(
            (section) => html`<li><a href="${section.url}">${section.title}</a></li>`,
          )}
        </ul>
      </nav>
    </header>
    <main id="content">${body}</main>
    <footer>
      <p>${hospital.name} · ${hospital.address.street}, ${hospital.address.postalCode} ${hospital.address.city} · Tlf. ${hospital.phone} (demo)</p>
      <p>Ved livsfare: ring 112.</p>
    </footer>
    ${widgetTag(hospital.id)}
  </body>
</html>`;
}

function renderPage(page: ParsedPage) {
  // Blocks under the same heading path form one section; bullets become a list.
  const sections: { heading: string | undefined; texts: string[] }[] = [];
  for (const block of page.blocks) {
    const heading = block.headingPath[1];
    const last = sections[sections.length - 1];
    if (last !== undefined && last.heading === heading) last.texts.push(block.text);
    else sections.push({ heading, texts: [block.text] });
  }
  return html`<article>
    <h1>${page.title}</h1>
    ${sections.map(
      (section) => html`${section.heading === undefined ? '' : html`<h2>${section.heading}</h2>`}
        ${section.texts.every((text) => text.startsWith('• '))
          ? html`<ul>${section.texts.map((text) => html`<li>${text.slice(2)}</li>`)}</ul>`
          : section.texts.map((text) => (text.startsWith('• ') ? html`<ul><li>${text.slice(2)}</li></ul>` : html`<p>${text}</p>`))}`,
    )}
    ${page.reviewedOn === undefined ? '' : html`<p><small>Senest gennemgået: ${page.reviewedOn}</small></p>`}
  </article>`;
}

export async function demoSite(options: { contentDirectory: string; widgetScriptPath: string; defaultHospital?: string }) {
  const problems: string[] = [];
  const infos = new Map((await readPracticalInfo(options.contentDirectory, problems)).map((info) => [info.hospital.id, info]));
  const pinfo = await readPages(options.contentDirectory, problems);
  const practical = new Map([...infos.values()].flatMap(practicalPages).map((page) => [page.url, page]));
  const app = new Hono();

  const frontPage = (info: PracticalInfo) => {
    const pages = pinfo.filter((page) => page.hospital === info.hospital.id).sort((a, b) => a.title.localeCompare(b.title, 'da'));
    return layout(
      info,
      'Forside',
      html`<h1>Velkommen til ${info.hospital.name}</h1>
        <p>Har du spørgsmål om parkering, besøgstider, faste før en operation eller din undersøgelse? Tryk på <strong>Spørg os</strong> nederst til højre. Svarene kommer fra hospitalets egne sider, og der står altid, hvor svaret kommer fra.</p>
        <h2>Patientinformation</h2>
        <ul class="cards">
          ${pages.map((page) => html`<li><a href="${page.url}">${page.title}</a></li>`)}
        </ul>
        <h2>Andre demo-hospitaler</h2>
        <ul>
          ${[...infos.values()].filter((other) => other !== info).map((other) => html`<li><a href="${other.hospital.url}">${other.hospital.name}</a></li>`)}
        </ul>`,
    );
  };

  app.get('/', (c) => {
    const info = infos.get(options.defaultHospital ?? 'fjordby') ?? [...infos.values()][0];
    if (info === undefined) return c.text('No demo content found.', 404);
    return c.html(frontPage(info));
  });
  // The launcher (widget.js) and the chat it loads on first use (chat.js, from the same directory).
  const scripts = { '/widget.js': options.widgetScriptPath, '/chat.js': join(dirname(options.widgetScriptPath), 'chat.js') };
  for (const [route, path] of Object.entries(scripts)) {
    app.get(route, async (c) => {
      try {
        const script = await readFile(path, 'utf8');
        return c.body(script, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
      } catch {
        return c.text('// The widget is not built. Run: npm run build:widget', 503, { 'Content-Type': 'text/javascript; charset=utf-8' });
      }
    });
  }
  app.get('/demo/:hospital/pinfo', (c) => c.redirect(`/demo/${c.req.param('hospital')}`));
  app.get('/demo/:hospital', (c) => {
    const info = infos.get(c.req.param('hospital'));
    return info === undefined ? c.notFound() : c.html(frontPage(info));
  });
  app.get('/demo/:hospital/praktisk/:section', (c) => {
    const info = infos.get(c.req.param('hospital'));
    const page = practical.get(c.req.path);
    return info === undefined || page === undefined ? c.notFound() : c.html(layout(info, page.title, renderPage(page)));
  });
  app.get('/demo/:hospital/pinfo/:slug', async (c) => {
    const { hospital, slug } = c.req.param();
    if (!slugPattern.test(hospital) || !slugPattern.test(slug)) return c.notFound();
    try {
      const file = await readFile(join(options.contentDirectory, 'pages', hospital, `${slug}.html`), 'utf8');
      // The real site would embed the widget itself; the demo adds it to every page.
      return c.html(
        file
          .replace('</head>', `<meta name="viewport" content="width=device-width, initial-scale=1"><style>${pinfoStyle}</style></head>`)
          .replace('</body>', `${widgetTag(hospital).toString()}</body>`),
      );
    } catch {
      return c.notFound();
    }
  });
  return app;
}
