// Widget size budgets (issue 5): builds the widget and writes bench/results/widget.json.
//   launcherGzipBytes: widget.js, what every page view of a hospital site downloads (budget 5 KB gzip);
//   widgetGzipBytes:   widget.js + chat.js, everything a citizen downloads to chat, avatar included (60 KB gzip).
// KB is read strictly as 1,000 bytes. Exits 1 when a budget is exceeded.
// Run: npm run bench:widget
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildWidget } from '../widget/build.js';

const budgets = { launcherGzipBytes: 5_000, widgetGzipBytes: 60_000 };

const { launcher, chat } = await buildWidget();
const result = {
  launcherGzipBytes: launcher.gzipBytes,
  widgetGzipBytes: launcher.gzipBytes + chat.gzipBytes,
  launcherBytes: launcher.bytes,
  chatGzipBytes: chat.gzipBytes,
  chatBytes: chat.bytes,
  widgetBytes: launcher.bytes + chat.bytes,
  budgets,
  gzip: 'zlib level 9',
  measuredAt: new Date().toISOString(),
};
const file = fileURLToPath(new URL('results/widget.json', import.meta.url));
await mkdir(fileURLToPath(new URL('results/', import.meta.url)), { recursive: true });
await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);

const over = (Object.keys(budgets) as (keyof typeof budgets)[]).filter((key) => result[key] > budgets[key]);
for (const key of Object.keys(budgets) as (keyof typeof budgets)[]) {
  process.stdout.write(`${key}: ${result[key]} bytes (budget ${budgets[key]})${over.includes(key) ? '  OVER BUDGET' : ''}\n`);
}
process.stdout.write(`Written to ${file}\n`);
if (over.length > 0) process.exitCode = 1;
