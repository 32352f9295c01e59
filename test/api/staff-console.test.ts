// The staff console's page and assets over HTTP: a strict Content Security Policy (no inline script
// or style, connections only to this server), never framed, and the bundle the page asks for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../console/build.js';
import { staffConsoleRoutes } from '../../src/http/staff-console.js';
import { testRuntime } from '../support/runtime.js';

let runtime: Awaited<ReturnType<typeof testRuntime>>;

beforeAll(async () => {
  const assets = await buildConsole();
  runtime = await testRuntime({ http: { mount: (root) => root.route('/', staffConsoleRoutes(assets)) } });
}, 120_000);
afterAll(() => runtime.close());

describe('GET /staff', () => {
  it('serves the console in Danish under a policy that refuses inline scripts and other servers', async () => {
    const response = await runtime.app.request('/staff');
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const page = await response.text();
    expect(page).toContain('<html lang="da">');
    // Every script is a file from this server: nothing inline for the policy to refuse.
    expect(page.match(/<script[^>]*>/g)).toEqual(['<script src="/staff/console.js" defer>']);
    expect(page).not.toMatch(/style="/);
  });

  it('serves the script and stylesheet the page loads', async () => {
    const script = await runtime.app.request('/staff/console.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('/api/staff/queue');
    const styles = await runtime.app.request('/staff/console.css');
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await styles.text()).toContain(':focus-visible');
  });
});

describe('GET /editor', () => {
  it('serves the editor console under the same strict policy, with its own script and stylesheet', async () => {
    const response = await runtime.app.request('/editor');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const page = await response.text();
    expect(page).toContain('<title>Hospitalschat for redaktører</title>');
    expect(page.match(/<script[^>]*>/g)).toEqual(['<script src="/editor/editor.js" defer>']);
    expect(page).not.toMatch(/style="/);
    const script = await runtime.app.request('/editor/editor.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('/api/editor');
    const styles = await runtime.app.request('/editor/editor.css');
    // The staff console's look (focus rings) comes along with the editor's own rules.
    const css = await styles.text();
    expect(css).toContain(':focus-visible');
    expect(css).toContain('.chart-bar');
  });
});
