// Bundles the Node server (src/server.ts and the project's own modules it imports) into
// dist/server/server.js, which `npm start` runs with plain `node`: no tsx loader and no TypeScript
// transformed at start, which keeps ~50 MB out of the running server. Packages stay external
// (imported from node_modules as they are). A module of ours that is loaded by `import()` only when
// configured (the PostgreSQL and Qdrant adapters, the demo login provider) becomes a chunk of its own:
// in one file its packages' imports would be hoisted to the top and loaded by every server. The source
// maps are files of their own; `node --enable-source-maps` points stack traces at src/.
import { rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * How Node runs the bundle, in `npm start`, the Dockerfile (both repeat it: a test checks they agree),
 * the load benchmark and the end-to-end test. Source maps point stack traces at src/. V8 lets the heap
 * grow to about 1.5 times what survived its last full collection instead of up to several times: under
 * load the live heap is ~60 MB, and the garbage V8 otherwise keeps stays resident (ADR 0011).
 */
export const serverNodeFlags = ['--enable-source-maps', '--heap-growing-percent=50'] as const;

/**
 * Builds the bundle `npm start` runs (`node ...serverNodeFlags dist/server/server.js`) into `directory` (a folder inside the project, so that Node finds the packages and
 * the server finds its files) and returns the path of its entry file.
 */
export async function buildServer(directory = `${root}dist/server`): Promise<string> {
  // Chunk names carry a hash: no chunk of an earlier build may be left behind.
  await rm(directory, { recursive: true, force: true });
  await build({
    entryPoints: { server: `${root}src/server.ts` },
    outdir: directory,
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
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
  return `${directory}/server.js`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
