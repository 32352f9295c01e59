// Headless Chromium from Debian, driven by playwright-core (no browser download). When Chromium is
// missing the browser suites skip loudly, unless REQUIRE_ALL_SUITES (CI) makes that a failure.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
