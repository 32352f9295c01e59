// The project's folder (the one holding package.json), found from a module's own place. Files beside
// the code (prompts/, widget/dist/, console/) are found from it rather than by a fixed number of
// `../`: the same module runs from its source file (tsx, tests) and from the bundle in dist/server/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectRoot(moduleUrl: string = import.meta.url): string {
  let directory = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${fileURLToPath(moduleUrl)}`);
    directory = parent;
  }
}

/** A path inside the project folder, e.g. `projectPath('prompts')`. */
export function projectPath(...parts: string[]): string {
  return join(projectRoot(), ...parts);
}
