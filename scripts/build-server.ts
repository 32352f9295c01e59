// Bundles the Node server (src/server.ts and the project's own modules it imports) into
// dist/server/server.js, which `npm start` runs with plain `node`: no tsx loader and no TypeScript
// transformed at start, which keeps ~50 MB out of the running server. Packages stay external
// (imported from node_modules as they are), so the `import()`s that load LangChain, Bot Framework, pg,
// Qdrant or OpenID Connect only when configured stay lazy. The source map is a file of its own;
// `node --enable-source-maps` points stack traces at src/.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The bundle `npm start` runs: `node --enable-source-maps dist/server/server.js`. */
export const serverBundle = `${root}dist/server/server.js`;

export async function buildServer(): Promise<string> {
  await build({
    entryPoints: [`${root}src/server.ts`],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    // Stack traces need only the positions and file names; the sources are in the checkout.
    sourcesContent: false,
    logLevel: 'warning',
  });
  return serverBundle;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
