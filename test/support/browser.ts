// Headless Chromium from Debian, driven by playwright-core (no browser download), and the set-up the
// browser suites share: a server and Chromium started once per suite, pages in Danish, axe-core and
// screenshots. When Chromium is missing the browser suites skip loudly, unless REQUIRE_ALL_SUITES
// (CI) makes that a failure.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type ServerProcess } from './server-process.js';

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

export interface BrowserSuite<Server> {
  readonly browser: Browser;
  /** What `start` gave: the server the pages talk to (or what a fake one serves). */
  readonly server: Server;
  /** A page of its own in Danish; `options` may set the viewport, reduced motion and the like. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A browser of its own (own cookies), closed before Chromium when the suite ends. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/**
 * Call inside `describe`: starts the server and then Chromium before the suite's tests, and closes
 * them the other way round after. `timeout` is the start's, a cold server and Chromium on a loaded
 * machine take long. The getters are only valid in tests and hooks.
 */
export function browserSuite<Server = undefined>(setUp: { timeout: number; start?: () => Promise<Server>; stop?: (server: Server) => Promise<unknown> }): BrowserSuite<Server> {
  let browser: Browser | undefined;
  let server: { value: Server } | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    if (setUp.start) server = { value: await setUp.start() };
    browser = await launchChromium();
  }, setUp.timeout);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    if (server && setUp.stop) await setUp.stop(server.value);
  });
  const running = () => {
    if (!browser) throw new Error('Chromium is not running: use the suite in tests and hooks only');
    return browser;
  };
  return {
    get browser() {
      return running();
    },
    get server() {
      if (!server) throw new Error('the suite has no server (yet)');
      return server.value;
    },
    newPage: (options = {}) => running().newPage({ locale: 'da-DK', ...options }),
    async newContext(options = {}) {
      const context = await running().newContext({ locale: 'da-DK', ...options });
      contexts.push(context);
      return context;
    },
  };
}

export interface DemoServer extends ServerProcess {
  /** The server's DATA_DIR, an empty temporary folder removed after the suite. */
  dataDirectory: string;
}

type PageOptions = BrowserContextOptions & { beforeLoad?: (page: Page) => unknown };

export interface DemoSuite extends BrowserSuite<DemoServer> {
  /** A new page on `path` of the demo site; `beforeLoad` runs before the page loads (init scripts, listeners). */
  openPage(path?: string, options?: PageOptions): Promise<Page>;
  /** The same, with the chat opened from the launcher. */
  openChat(path?: string, options?: PageOptions): Promise<Page>;
}

/**
 * The real server as `npm start` runs it (`environment` added), on a data directory of its own, and Chromium.
 * @example
 * describe.skipIf(!chromiumAvailable)('the chat in Chromium', () => {
 *   const suite = demoSuite({ NODE_ENV: 'development' });
 *   it('answers', async () => {
 *     const page = await suite.openChat();
 *     await sendQuestion(page, 'Hvor kan jeg parkere?');
 *   });
 * });
 */
export function demoSuite(environment: Record<string, string> = {}): DemoSuite {
  const suite = browserSuite<DemoServer>({
    timeout: 180_000,
    async start() {
      const dataDirectory = await mkdtemp(join(tmpdir(), 'hospital-help-browser-'));
      try {
        return { ...(await startServer({ DATA_DIR: dataDirectory, ...environment })), dataDirectory };
      } catch (error) {
        await rm(dataDirectory, { recursive: true, force: true });
        throw error;
      }
    },
    async stop(server) {
      await server.stop();
      await rm(server.dataDirectory, { recursive: true, force: true });
    },
  });
  async function openPage(path = '/', { beforeLoad, ...options }: PageOptions = {}): Promise<Page> {
    const page = await suite.newPage(options);
    await beforeLoad?.(page);
    await page.goto(`${suite.server.url}${path}`);
    return page;
  }
  return Object.assign(suite, {
    openPage,
    async openChat(path = '/', options: PageOptions = {}) {
      const page = await openPage(path, options);
      await openWidget(page);
      return page;
    },
  });
}

/** Presses the launcher ("Spørg os") and waits until the chat, which loads only then, is open. */
export async function openWidget(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Spørg os' }).click();
  await questionField(page).waitFor();
}

/** The citizen's question field, in Danish. */
export const questionField = (page: Page) => page.getByRole('textbox', { name: 'Skriv dit spørgsmål' });

/** Types `text` in the question field and presses Enter, as a citizen sends a question. */
export async function sendQuestion(page: Page, text: string): Promise<void> {
  await questionField(page).fill(text);
  await questionField(page).press('Enter');
}

/** Screenshots are kept in test-artifacts/screenshots/, for a person to look at after the run. */
const screenshots = join(process.cwd(), 'test-artifacts', 'screenshots');
let screenshotFolder: Promise<unknown> | undefined;

export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  screenshotFolder ??= mkdir(screenshots, { recursive: true });
  await screenshotFolder;
  await page.screenshot({ path: join(screenshots, `${name}.png`), ...options });
}

/** Waits for the widget's finite animations and transitions (the panel sliding in, a fade) to end. */
export async function widgetSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const root = document.querySelector('hospital-help-chat')?.shadowRoot;
    await Promise.all((root?.getAnimations() ?? []).filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity).map((animation) => animation.finished));
  });
}

/**
 * What sticks out sideways: the page's scroll width, the widget's elements reaching past the viewport,
 * and those that scroll sideways inside it (as "tag.class"). A 320 px screen wants 320, none and none.
 */
export function widgetOverflow(page: Page): Promise<{ page: number; outside: string[]; scrollers: string[] }> {
  return page.evaluate(() => {
    const root = document.querySelector('hospital-help-chat')!.shadowRoot!;
    const outside = [...root.querySelectorAll<HTMLElement>('*')]
      .filter((element) => element.getClientRects().length > 0 && !element.closest('[hidden]'))
      .filter((element) => {
        const rect = element.getBoundingClientRect();
        return rect.left < -1 || rect.right > window.innerWidth + 1;
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    const scrollers = [...root.querySelectorAll<HTMLElement>('*')]
      .filter((element) => !element.classList.contains('sr') && element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible')
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { page: document.documentElement.scrollWidth, outside, scrollers };
  });
}

let axeSource: Promise<string> | undefined;

/**
 * WCAG 2.2 A/AA violations axe-core finds, as "impact rule: targets" lines (empty when clean): in the
 * whole page, or `within` one element; all of them, or only those of the given `impacts`. Waits for
 * the widget's animations first: contrast measured mid-fade is not what a citizen sees.
 */
export async function axeViolations(page: Page, options: { within?: string; impacts?: string[] } = {}): Promise<string[]> {
  await widgetSettled(page);
  // Put in through the DevTools protocol, not as a script tag: a strict CSP (the consoles') rightly refuses that.
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource);
  return page.evaluate(async ({ within, impacts }) => {
    interface Result { violations: { id: string; impact?: string | null; nodes: { target: unknown }[] }[] }
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<Result> } }).axe;
    const context = within === undefined ? document : { include: [[within]] };
    const result = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations
      .filter((violation) => impacts === undefined || impacts.includes(violation.impact ?? ''))
      .map((violation) => `${violation.impact} ${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  }, options);
}
