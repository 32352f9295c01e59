// `npm run bench:ingest`: parse + chunk + embedded index throughput on 5,000 generated hospital pages
// (Danish text, headings, lists, tables, site chrome; fixed seed, so every run indexes the same corpus).
// Writes bench/results/ingest.json.
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSnapshotStore } from '../src/search/adapters/file-snapshot-store.js';
import { EmbeddedSearchIndex } from '../src/search/adapters/embedded-index.js';
import { folderSource } from '../ingest/pages/page-source.js';
import { applySources, knownPageHashes, preparePages } from '../ingest/pipeline.js';
import { random } from './search-corpus.js';

const pageCount = 5000;
const hospitals = ['fjordby', 'havnekobing', 'lyngaa'];

const words = (
  'patient operation undersøgelse faste bedøvelse blodprøve ambulatorium afdeling indlæggelse udskrivelse sygeplejerske læge ' +
  'medicin smerter sår forbinding scanning røntgen kontrol besøg pårørende parkering indgang etage elevator telefon tid aftale ' +
  'hjemme træning genoptræning kost væske rygning alkohol tolk rettigheder klage journal vaccination allergi hjerte lunge nyre ' +
  'knæ hofte skulder ryg mave tarm øje øre barn graviditet fødsel jordemoder diabetes insulin tabletter morgen aften weekend'
).split(' ');

function sentence(next: () => number): string {
  const length = 8 + Math.floor(next() * 14);
  const text = Array.from({ length }, () => words[Math.floor(next() * words.length)] as string).join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(next: () => number): string {
  return `<p>${Array.from({ length: 2 + Math.floor(next() * 4) }, () => sentence(next)).join(' ')}</p>`;
}

function generatePage(number: number, next: () => number): string {
  const hospital = hospitals[number % hospitals.length] as string;
  const title = `${sentence(next).slice(0, 40).replace(/\.$/, '')} ${number}`;
  const sections: string[] = [];
  for (let section = 0; section < 3 + Math.floor(next() * 4); section += 1) {
    const parts = [`<h2>${sentence(next).slice(0, 50)}</h2>`, paragraph(next)];
    const kind = next();
    if (kind < 0.35) parts.push(`<ul>${Array.from({ length: 3 + Math.floor(next() * 5) }, () => `<li>${sentence(next)}</li>`).join('')}</ul>`);
    else if (kind < 0.55) {
      const rows = Array.from({ length: 2 + Math.floor(next() * 5) }, (_, row) => `<tr><td>Kl. ${8 + row}.00</td><td>${sentence(next)}</td></tr>`).join('');
      parts.push(`<table><thead><tr><th>Tidspunkt</th><th>Hvad skal du gøre</th></tr></thead><tbody>${rows}</tbody></table>`);
    } else if (kind < 0.7) parts.push(`<h3>${sentence(next).slice(0, 40)}</h3>${paragraph(next)}`);
    parts.push(paragraph(next));
    sections.push(parts.join('\n'));
  }
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${title} – ${hospital}</title>
<link rel="canonical" href="https://${hospital}.example/patientinformation/side-${number}"><meta name="hospital" content="${hospital}"></head>
<body><div class="cookie-banner">Vi bruger cookies <button>OK</button></div>
<header><nav><a href="/">Forside</a> <a href="/kontakt">Kontakt</a> <a href="/findvej">Find vej</a></nav></header>
<main><article><h1>${title}</h1><p class="department">Afdeling: ${words[number % words.length]}-afdelingen</p>
${sections.join('\n')}
<p>Senest gennemgået: ${1 + (number % 28)}. maj 2026</p><div class="share">Del siden</div></article></main>
<footer>${hospital} · Telefon 99 10 00 00</footer></body></html>`;
}

const directory = await mkdtemp(join(tmpdir(), 'bench-ingest-'));
try {
  const pagesDirectory = join(directory, 'pages');
  await mkdir(pagesDirectory);
  const next = random(20260501);
  for (let number = 0; number < pageCount; number += 1) {
    await writeFile(join(pagesDirectory, `side-${String(number).padStart(5, '0')}.html`), generatePage(number, next));
  }
  const started = performance.now();
  const snapshotPath = join(directory, 'search-index.json');
  const index = await EmbeddedSearchIndex.open(new FileSnapshotStore(snapshotPath));
  // What `npm run ingest -- pages` does: read the index's page hashes, then prepare (here: none known).
  const prepared = await preparePages(await folderSource(pagesDirectory), { sourceId: 'pages:bench', knownPages: knownPageHashes(await index.manifest()) });
  const preparedSeconds = (performance.now() - started) / 1000;
  const [report] = await applySources(index, [prepared]);
  const seconds = (performance.now() - started) / 1000;
  // maxRSS is the process's high-water mark (VmHWM): every moment counts, not just where we look.
  const firstRunPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (report?.failed !== 0 || (await index.count()) !== prepared.chunks.length) throw new Error(`benchmark run incomplete: ${JSON.stringify(report?.problems.slice(0, 3))}`);
  // A second run over unchanged pages, as the CLI runs it: what a daily re-ingest costs.
  const rerunStarted = performance.now();
  const [rerun] = await applySources(index, [
    await preparePages(await folderSource(pagesDirectory), { sourceId: 'pages:bench', knownPages: knownPageHashes(await index.manifest()) }),
  ]);
  const rerunSeconds = (performance.now() - rerunStarted) / 1000;
  const result = {
    pagesPerSecond: Math.round(pageCount / seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    firstRunPeakRssMb,
    pages: pageCount,
    chunks: prepared.chunks.length,
    seconds: Number(seconds.toFixed(2)),
    parseAndChunkSeconds: Number(preparedSeconds.toFixed(2)),
    indexSeconds: Number((seconds - preparedSeconds).toFixed(2)),
    snapshotMb: Math.round((await stat(snapshotPath)).size / 1024 / 1024),
    unchangedRerunSeconds: Number(rerunSeconds.toFixed(2)),
    unchangedRerunChanged: (rerun?.added ?? 0) + (rerun?.changed ?? 0) + (rerun?.removed ?? 0),
    node: process.version,
  };
  const output = fileURLToPath(new URL('results/ingest.json', import.meta.url));
  await mkdir(join(output, '..'), { recursive: true });
  await writeFile(output, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await rm(directory, { recursive: true, force: true });
}
