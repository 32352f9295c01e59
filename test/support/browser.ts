// Headless Chromium from Debian, driven by playwright-core (no browser download). When Chromium is
// missing the browser suites skip loudly, unless REQUIRE_ALL_SUITES (CI) makes that a failure.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(chromiumPath);

if (!chromiumAvailable) {
  if (process.env['REQUIRE_ALL_SUITES'] === '1') throw new Error(`REQUIRE_ALL_SUITES is set but Chromium is missing at ${chromiumPath}`);
  console.warn(`\n!!! SKIPPED: browser suites need Chromium at ${chromiumPath} (apt-get install chromium)\n`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * WCAG 2.2 A/AA violations axe-core finds on the page, as "rule: targets" lines (empty when clean).
 * Waits for the widget's opening animation first: contrast measured mid-fade is not what a citizen sees.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const root = document.querySelector('hospital-help-chat')?.shadowRoot;
    await Promise.all((root?.getAnimations() ?? []).filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity).map((animation) => animation.finished));
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  });
}
