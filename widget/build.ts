// Builds the embeddable widget into two self-contained scripts: the launcher widget/dist/widget.js
// (the script tag hospitals paste; only the button and window.HospitalHelpChat) and the chat
// widget/dist/chat.js, which the launcher loads when the citizen opens the chat.
// Run directly (`npx tsx widget/build.ts`) it prints the raw and gzip sizes.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const widgetDir = fileURLToPath(new URL('.', import.meta.url));

export interface BuiltScript {
  path: string;
  bytes: number;
  gzipBytes: number;
}

async function bundle(entry: string, outfile: string): Promise<BuiltScript> {
  const path = `${widgetDir}dist/${outfile}`;
  await build({
    entryPoints: [`${widgetDir}src/${entry}`],
    outfile: path,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2019'],
    // ASCII output: the script is decoded in the host page's charset, which is not always UTF-8.
    charset: 'ascii',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const code = await readFile(path);
  return { path, bytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
}

export async function buildWidget(): Promise<{ launcher: BuiltScript; chat: BuiltScript }> {
  const [launcher, chat] = await Promise.all([bundle('widget.ts', 'widget.js'), bundle('chat.ts', 'chat.js')]);
  return { launcher, chat };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = await buildWidget();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const { path, bytes, gzipBytes } of [built.launcher, built.chat]) {
    console.log(`${path}: ${kb(bytes)} raw, ${kb(gzipBytes)} gzip (${bytes} / ${gzipBytes} bytes)`);
  }
}
