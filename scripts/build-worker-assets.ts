// Prepares dist/worker-assets for `wrangler deploy`: the search index snapshot of the content
// directory (public content only; appointments are never bundled), the hospitals' names (so a
// question can name a hospital), the built widget (launcher and chat) and the prompt templates (read through the ASSETS
// binding when CHAT_MODEL is set: a Worker has no files).
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { ingestContentDirectory, readHospitalNames } from '../ingest/pipeline.js';
import { loadConfig } from '../src/config.js';
import { answerPromptFiles, summaryPromptFiles } from '../src/runtime/answerers.js';
import { promptsDirectory } from '../src/runtime/prompt-files.js';
import { FileSnapshotStore } from '../src/search/adapters/file-snapshot-store.js';
import { EmbeddedSearchIndex } from '../src/search/adapters/embedded-index.js';
import { buildWidget } from '../widget/build.js';

const root = new URL('../', import.meta.url);
const assets = fileURLToPath(new URL('dist/worker-assets/', root));
const config = loadConfig(process.env);
// Always a full build: the Worker's index is exactly the content directory as it is now.
await rm(assets, { recursive: true, force: true });
await mkdir(assets, { recursive: true });
const index = await EmbeddedSearchIndex.open(new FileSnapshotStore(`${assets}search-index.json`));
const summary = await ingestContentDirectory(config.CONTENT_DIR, { index, logger: pino({ level: 'warn' }) });
await writeFile(`${assets}hospitals.json`, JSON.stringify(await readHospitalNames(config.CONTENT_DIR)));
const widget = await buildWidget();
await copyFile(widget.launcher.path, `${assets}widget.js`);
await copyFile(widget.chat.path, `${assets}chat.js`);
await mkdir(`${assets}prompts`, { recursive: true });
for (const file of [...Object.values(answerPromptFiles), ...Object.values(summaryPromptFiles)]) await copyFile(new URL(file, promptsDirectory), `${assets}prompts/${file}`);
process.stdout.write(`Worker assets in ${assets}: ${summary.chunks} chunks, widget ${widget.launcher.gzipBytes} + ${widget.chat.gzipBytes} bytes gzip (launcher + chat).\n`);
