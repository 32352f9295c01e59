// The staff and editor consoles in Chromium: the real app (PGlite, the demo index) with the consoles'
// routes, served over HTTP on a free port, and what both console suites do in it.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildConsole } from '../../console/build.js';
import { staffConsoleRoutes } from '../../src/http/staff-console.js';
import { browserSuite } from './browser.js';
import { testRuntime } from './runtime.js';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;
type RuntimeOptions = NonNullable<Parameters<typeof testRuntime>[0]>;

export interface ConsoleServer {
  runtime: Runtime;
  origin: string;
  http: ServerType;
}

/**
 * Call inside `describe`: the app with `runtime()`'s options and the consoles mounted, the `staff`
 * accounts (all with `password`), and Chromium. `stop` runs last, after the app has closed.
 */
export function consoleSuite(setUp: {
  timeout: number;
  runtime?: () => Promise<Omit<RuntimeOptions, 'http'>>;
  staff: { username: string; displayName: string; roles: string[] }[];
  password: string;
  /** The console's address, and the heading it shows after signing in there. */
  path: string;
  heading: string;
  stop?: () => Promise<unknown>;
}) {
  const suite = browserSuite<ConsoleServer>({
    timeout: setUp.timeout,
    async start() {
      const assets = await buildConsole();
      const runtime = await testRuntime({ ...(await setUp.runtime?.()), http: { mount: (root) => root.route('/', staffConsoleRoutes(assets)) } });
      for (const account of setUp.staff) await runtime.staff.create({ ...account, password: setUp.password });
      const http = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' });
      await once(http, 'listening');
      return { runtime, http, origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
    },
    async stop({ runtime, http }) {
      // Open event streams would keep close() waiting.
      (http as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise((resolve) => http.close(resolve));
      await runtime.close();
      await setUp.stop?.();
    },
  });

  /** A fresh browser (own cookies) on the console; CSP refusals are collected, and every sentence the live region reads out. */
  async function openConsole(width = 1280, path = setUp.path): Promise<{ page: Page; cspErrors: string[] }> {
    const context = await suite.newContext({ viewport: { width, height: 900 } });
    // Injected by the browser, not the page: the CSP allows no inline script.
    await context.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const region = document.getElementById('announcer') as HTMLElement;
        const heard: string[] = [];
        (window as unknown as { heard: string[] }).heard = heard;
        new MutationObserver(() => {
          if (region.textContent) heard.push(region.textContent);
        }).observe(region, { childList: true, characterData: true, subtree: true });
      });
    });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    await page.goto(`${suite.server.origin}${path}`);
    return { page, cspErrors };
  }

  /** Signs in on the form; the console then shows the view the address asked for. */
  async function signIn(page: Page, username: string, heading = setUp.heading) {
    await page.getByLabel('Brugernavn').fill(username);
    await page.getByLabel('Adgangskode').fill(setUp.password);
    await page.getByLabel('Adgangskode').press('Enter');
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  /** A citizen's chat, started through the API as the widget does. */
  async function startChat(language = 'da'): Promise<string> {
    const response = await fetch(`${suite.server.origin}/api/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ hospital: 'fjordby', language }) });
    expect(response.status).toBe(201);
    return ((await response.json()) as { sessionId: string }).sessionId;
  }

  return Object.assign(suite, {
    openConsole,
    signIn,
    startChat,
  });
}

export const announced = (page: Page) => page.locator('#announcer').textContent();
export const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: string[] }).heard);
export const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
/** The focused control has a visible focus ring (an outline of some width). */
export const focusRing = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  });
