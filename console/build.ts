// Bundles the staff and editor consoles (console/src) into one script and one stylesheet each, in
// memory: the Node server builds them at start-up and serves them at /staff/console.{js,css} and
// /editor/editor.{js,css}.
import { join } from 'node:path';
import { build, stop } from 'esbuild';
import { projectPath } from '../src/runtime/project-root.js';

const consoleDir = projectPath('console');

export interface ConsoleAssets {
  script: string;
  styles: string;
  editor: { script: string; styles: string };
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(consoleDir, 'src', entry)],
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
  const [script, styles, editorScript, editorStyles] = await Promise.all([bundle('console.ts'), bundle('console.css'), bundle('editor.ts'), bundle('editor.css')]);
  return { script, styles, editor: { script: editorScript, styles: editorStyles } };
}

/**
 * Ends esbuild's service process (~20 MB resident), which otherwise stays for the life of the server
 * although the consoles are built once. A later build starts a new one.
 */
export async function stopConsoleBuilder(): Promise<void> {
  await stop();
}
