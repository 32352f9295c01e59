// Bundles the staff console (console/src) into one script and one stylesheet, in memory: the Node
// server builds it at start-up and serves it at /staff/console.js and /staff/console.css.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const consoleDir = fileURLToPath(new URL('.', import.meta.url));

export interface ConsoleAssets {
  script: string;
  styles: string;
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [`${consoleDir}src/${entry}`],
    bundle: true,
    minify: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild wrote nothing for console/src/${entry}`);
  return output.text;
}

export async function buildConsole(): Promise<ConsoleAssets> {
  const [script, styles] = await Promise.all([bundle('console.ts'), bundle('console.css')]);
  return { script, styles };
}
