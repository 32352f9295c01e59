// Builds the embeddable widget into one self-contained script, widget/dist/widget.js.
// Run directly (`npx tsx widget/build.ts`) it prints the raw and gzip sizes.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const widgetDir = fileURLToPath(new URL('.', import.meta.url));

export async function buildWidget(): Promise<{ path: string; bytes: number; gzipBytes: number }> {
  const path = `${widgetDir}dist/widget.js`;
  await build({
    entryPoints: [`${widgetDir}src/widget.ts`],
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

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { path, bytes, gzipBytes } = await buildWidget();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${path}: ${kb(bytes)} raw, ${kb(gzipBytes)} gzip (${bytes} / ${gzipBytes} bytes)`);
}
