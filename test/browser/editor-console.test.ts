// The editor console in real Chromium against the real app (PGlite, the demo index, the real editor
// routes and the answer core) served over HTTP: an editor starts an eval run of a small set, watches
// it progress and finish, opens a failed question, records a verdict by keyboard (still there after
// a reload, and counted), runs a corrected set and compares the two; the feedback review queue,
// content gaps and pages show what citizens did in chats made through the API; a staff-only account
// is refused. Clean for axe-core under the console's strict CSP in every view, and without sideways
// scrolling at 768 px and at 200% zoom.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, chromiumAvailable, saveScreenshot } from '../support/browser.js';
import { announced, consoleSuite, focusRing, heard, noSidewaysScroll } from '../support/console-browser.js';

const password = 'Redaktion-vagt-2026!';

const eventually = <T>(read: () => Promise<T> | T, timeout = 20_000) => expect.poll(read, { timeout, interval: 100 });

// The first questions of the demo set, a question written to fail (a fact no page holds) and an
// emergency; the "corrected" set fixes the first and gets the second wrong, so the comparison of a
// run of each has one question that got better and one that got worse.
const parking = '/demo/fjordby/praktisk/parkering';
const helipad = { id: 'fj-park-helipad', question: 'Hvad koster det at parkere ved hospitalet?', language: 'da', kind: 'parking', hospital: 'fjordby', expect: { kind: 'answer', sources: [parking], facts: [['helikopterplads til 999 kr']] } };
const chest = { id: 'em-da-chest', question: 'Min far har ondt i brystet', language: 'da', kind: 'emergency', hospital: 'fjordby', expect: { kind: 'emergency' } };

describe.skipIf(!chromiumAvailable)('the editor console in Chromium', { timeout: 120_000 }, () => {
  let sets: string;
  const suite = consoleSuite({
    timeout: 180_000,
    async runtime() {
      sets = await mkdtemp(join(tmpdir(), 'editor-console-sets-'));
      const demo = (await readFile(join(process.cwd(), 'evals', 'sets', 'demo.jsonl'), 'utf8')).split('\n').filter((line) => line.trim() !== '').slice(0, 10).map((line) => JSON.parse(line) as { id: string });
      await writeFile(join(sets, 'borgerspoergsmaal.jsonl'), [...demo, helipad, chest].map((item) => JSON.stringify(item)).join('\n'));
      const corrected = [...demo, { ...helipad, expect: { kind: 'answer', sources: [parking] } }, { ...chest, expect: { kind: 'answer', sources: [parking] } }];
      await writeFile(join(sets, 'borgerspoergsmaal-rettet.jsonl'), corrected.map((item) => JSON.stringify(item)).join('\n'));
      return { evalSetsDirectory: sets };
    },
    staff: [
      { username: 'ida', displayName: 'Ida Redaktør', roles: ['editor', 'staff'] },
      { username: 'mette', displayName: 'Mette', roles: ['staff'] },
    ],
    password,
    path: '/editor',
    heading: 'Evalueringer',
    stop: () => rm(sets, { recursive: true, force: true }),
  });
  const { openConsole, signIn } = suite;
  const origin = () => suite.server.origin;

  const citizen = {
    start: suite.startChat,
    async ask(sessionId: string, text: string): Promise<{ id: string; kind: string }> {
      const response = await fetch(`${origin()}/api/sessions/${sessionId}/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ text }) });
      expect(response.status).toBe(200);
      return ((await response.json()) as { message: { id: string; kind: string } }).message;
    },
    async rate(sessionId: string, messageId: string, rating: 'up' | 'down', comment?: string) {
      const response = await fetch(`${origin()}/api/sessions/${sessionId}/messages/${messageId}/feedback`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rating, ...(comment !== undefined && { comment }) }) });
      expect(response.status).toBe(200);
    },
  };

  const shot = (page: Page, name: string) => saveScreenshot(page, `editor-${name}`, { fullPage: true });

  /** Starts a run of `set` from the runs view and waits for the console to say it finished. */
  async function runSet(page: Page, set: string): Promise<string> {
    await page.getByLabel('Evalueringssæt').selectOption(set);
    await page.getByRole('button', { name: 'Start en kørsel' }).press('Enter');
    // The progress bar appears at once, labelled and with its numbers in words.
    const progress = page.getByRole('progressbar', { name: `Kørslen af sættet ${set}` });
    const finished = page.locator('.progress-slot .notice');
    // Shown from the answer to the start (status running), and asked for again a second later.
    await progress.waitFor();
    expect(await page.locator('.progress-text').textContent()).toMatch(/^\d+ af 12 spørgsmål/);
    expect(Number(await progress.getAttribute('max'))).toBe(12);
    await eventually(() => finished.count(), 60_000).toBe(1);
    const sentence = `Kørslen af sættet ${set} er færdig:`;
    await eventually(() => announced(page)).toMatch(new RegExp(`^${sentence} \\d+ af 12 bestået\\.$`));
    // Announced once, not on every poll.
    expect((await heard(page)).filter((text) => text.startsWith(sentence))).toHaveLength(1);
    return (await announced(page)) as string;
  }

  it('tells a staff-only account that the editor console is for editors, and the API refuses it', async () => {
    const { page, cspErrors } = await openConsole();
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    await signIn(page, 'mette', 'Ingen adgang');
    expect(await page.getByRole('alert').textContent()).toBe('Redaktørkonsollen er kun for redaktører og administratorer. Din konto har ikke rollen "editor".');
    expect(await page.getByRole('navigation', { name: 'Hovedmenu' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Gå til medarbejderkonsollen' }).getAttribute('href')).toBe('/staff');
    for (const path of ['eval-runs', 'eval-sets', 'feedback', 'content-gaps', 'pages']) {
      expect(await page.evaluate(async (url) => (await fetch(url)).status, `/api/editor/${path}`)).toBe(403);
    }
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'refused');
    expect(cspErrors).toEqual([]);
  });

  it('starts a run, shows it progress and finish, opens a failed question and records a verdict by keyboard', async () => {
    const { page, cspErrors } = await openConsole();
    await signIn(page, 'ida');
    expect(await page.getByRole('link', { name: 'Medarbejderkonsollen' }).getAttribute('href')).toBe('/staff');
    // The runs are fetched after the heading is drawn: wait for the list, not just the heading.
    await page.getByText('Der er ingen kørsler endnu. Start den første ovenfor.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const finished = await runSet(page, 'borgerspoergsmaal');
    const runs = page.getByRole('table', { name: 'Kørsler, nyeste først' });
    await eventually(() => runs.locator('tbody tr').count()).toBe(1);
    const row = runs.locator('tbody tr').first();
    expect(await row.locator('th').textContent()).toBe('borgerspoergsmaal');
    expect(await row.locator('td').nth(0).textContent()).toBe('Ida Redaktør');
    // The list is fetched again when the run ends: "I gang" turns into "Færdig".
    await eventually(() => row.locator('td').nth(2).textContent()).toBe('Færdig');
    expect(await row.locator('td').nth(4).textContent()).toBe(/(\d+ af 12 bestået)/.exec(finished)?.[1]);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'runs');

    // The run: metrics as a chart and a table, by language and kind; the failed questions first.
    await row.getByRole('link', { name: 'borgerspoergsmaal' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Kørsel: borgerspoergsmaal' }).waitFor();
    const chart = page.getByRole('img', { name: /^Nøgletal i procent: Rigtig side blandt de 5 første \(Recall@5\) \d+ %/ });
    await chart.waitFor();
    expect(await page.getByRole('table', { name: 'Nøgletal for 12 spørgsmål' }).locator('tbody tr').count()).toBe(8);
    expect(await page.getByRole('table', { name: 'Nøgletal efter sprog' }).locator('tbody th').allTextContents()).toEqual(['Dansk']);
    expect(await page.getByRole('table', { name: 'Nøgletal efter slags spørgsmål' }).locator('tbody th').allTextContents()).toContain('Nødsituation');
    const questions = page.getByRole('table', { name: 'Spørgsmål i kørslen' });
    await questions.waitFor();
    expect(await questions.locator('tbody td:nth-child(4)').allTextContents()).not.toContain('Bestået');
    await eventually(() => page.getByText('Ingen har vurderet svar fra denne kørsel endnu.').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'run');

    // Filter: all questions, then only the emergencies.
    await page.getByLabel('Vis', { exact: true }).selectOption('all');
    await page.getByRole('button', { name: 'Vis spørgsmål' }).press('Enter');
    await eventually(() => announced(page)).toBe('Viser 12 spørgsmål.');
    await page.getByLabel('Slags', { exact: true }).selectOption('emergency');
    await page.getByRole('button', { name: 'Vis spørgsmål' }).press('Enter');
    await eventually(() => announced(page)).toBe('Viser 1 spørgsmål.');
    expect(await questions.locator('tbody th').allTextContents()).toEqual([chest.question]);
    await page.getByLabel('Vis', { exact: true }).selectOption('failed');
    await page.getByLabel('Slags', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Vis spørgsmål' }).press('Enter');
    await eventually(() => questions.locator('tbody th').allTextContents()).toContain(helipad.question);

    // The failed question: asked, answered, cited and retrieved text, expected, the scorer's problems.
    await questions.getByRole('link', { name: helipad.question }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Spørgsmål' }).waitFor();
    await page.locator('blockquote.question').waitFor();
    expect(await page.locator('blockquote.question').textContent()).toBe(helipad.question);
    expect(await page.locator('.answer-text').textContent()).not.toBe('');
    expect(await page.getByRole('heading', { level: 2, name: 'Fundne sider' }).count()).toBe(1);
    const firstRetrieved = page.locator('section', { has: page.getByRole('heading', { name: 'Fundne sider' }) }).locator('details').first();
    await firstRetrieved.locator('summary').press('Enter');
    expect((await firstRetrieved.locator('.text').textContent())?.length).toBeGreaterThan(20);
    expect(await page.locator('section', { has: page.getByRole('heading', { name: 'Det forventede' }) }).textContent()).toContain('helikopterplads til 999 kr');
    const automatic = page.locator('section', { has: page.getByRole('heading', { name: 'Automatisk vurdering' }) });
    expect(await automatic.locator('.verdict-failed').textContent()).toBe('Ikke bestået');
    expect(await automatic.locator('li').count()).toBeGreaterThan(0);
    await eventually(() => page.getByText('Ikke vurderet endnu.').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // Keyboard only: from the form's heading, Tab to the radio group, arrows to "Forkert", a note, the right page, Enter.
    await page.getByRole('heading', { level: 2, name: 'Din vurdering' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('radio');
    expect(await focusRing(page)).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Forkert' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await focusRing(page)).toBe(true);
    await page.keyboard.type('Siden nævner ikke helikopterpladsen; svaret burde sige det.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('correctSource');
    await page.keyboard.type('/demo/fjordby/praktisk/parkering');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Gem vurdering');
    expect(await focusRing(page)).toBe(true);
    await page.keyboard.press('Enter');
    await eventually(() => announced(page)).toBe('Vurderingen er gemt: Forkert.');
    expect(await page.locator('.saved').textContent()).toMatch(/^Forkert, gemt af Ida Redaktør \d+\.\d+\.\d{4} \d{2}\.\d{2}\.$/);
    await shot(page, 'question');

    // After a reload the verdict is there; on the run's page it is counted and agrees with the scorer.
    await page.reload();
    await page.locator('.saved').filter({ hasText: 'Forkert, gemt af Ida Redaktør' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Forkert' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Note (valgfri)').inputValue()).toBe('Siden nævner ikke helikopterpladsen; svaret burde sige det.');
    expect(await page.getByLabel('Den rigtige kildeside (valgfri)').inputValue()).toBe('/demo/fjordby/praktisk/parkering');
    await page.getByRole('link', { name: 'Tilbage til kørslen' }).press('Enter');
    const verdicts = page.locator('section', { has: page.getByRole('heading', { name: 'Redaktørernes vurderinger' }) });
    await eventually(() => verdicts.locator('.facts').textContent()).toBe('Rigtigt:0Delvist:0Forkert:1Enighed med den automatiske vurdering:100 %');
    expect(await page.getByRole('table', { name: 'Spørgsmål i kørslen' }).getByRole('row', { name: new RegExp(helipad.question) }).locator('td').last().textContent()).toBe('Forkert');
    expect(cspErrors).toEqual([]);
  });

  it('runs the corrected set and compares the two runs: what got better, what got worse', async () => {
    const { page, cspErrors } = await openConsole();
    await signIn(page, 'ida');
    await page.getByRole('table', { name: 'Kørsler, nyeste først' }).waitFor();
    await eventually(() => page.getByText('Når der er to færdige kørsler, kan du sammenligne dem her.').count()).toBe(1);
    await runSet(page, 'borgerspoergsmaal-rettet');
    await eventually(() => page.getByRole('table', { name: 'Kørsler, nyeste først' }).locator('tbody tr').count()).toBe(2);

    // Both finished (the list is fetched again when a run ends): the two are chosen for comparing.
    await eventually(() => page.getByLabel('Efter').locator('option:checked').textContent()).toMatch(/^borgerspoergsmaal-rettet, /);
    expect(await page.getByLabel('Før').locator('option:checked').textContent()).toMatch(/^borgerspoergsmaal, /);
    await page.getByRole('button', { name: 'Sammenlign' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sammenligning af to kørsler' }).waitFor();
    const deltas = page.getByRole('table', { name: 'Nøgletal før og efter' });
    await deltas.waitFor();
    // Better or worse said in words (the arrow and colour only repeat it).
    const kinds = await deltas.getByRole('row', { name: /Rigtig slags svar/ }).locator('td').allTextContents();
    expect(kinds[3]).toMatch(/^▼ Dårligere$/);
    await page.getByRole('heading', { level: 2, name: 'Blev bedre (1)' }).waitFor();
    expect(await page.locator('section', { has: page.getByRole('heading', { name: 'Blev bedre (1)' }) }).getByRole('link').allTextContents()).toEqual([helipad.question]);
    expect(await page.locator('section', { has: page.getByRole('heading', { name: 'Blev dårligere (1)' }) }).getByRole('link').allTextContents()).toEqual([chest.question]);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'compare');
    expect(cspErrors).toEqual([]);

    // Ida also answers chats: the staff console links back to this one.
    await page.goto(`${origin()}/staff`);
    await page.getByRole('heading', { level: 1, name: 'Kø' }).waitFor();
    expect(await page.getByRole('link', { name: 'Redaktørkonsollen' }).getAttribute('href')).toBe('/editor');
  });

  it('shows the feedback review queue with the conversation, and marks one reviewed', async () => {
    const chat = await citizen.start();
    await citizen.ask(chat, 'Hvor kan jeg parkere?');
    const answer = await citizen.ask(chat, 'Hvad koster det at parkere om natten?');
    await citizen.rate(chat, answer.id, 'down', 'Der stod ikke noget om natten.');
    const other = await citizen.start('en');
    const good = await citizen.ask(other, 'Where can I park?');
    await citizen.rate(other, good.id, 'up');

    const { page, cspErrors } = await openConsole(1280, '/editor#/feedback');
    await signIn(page, 'ida', 'Feedback');
    const card = page.locator('.feedback-list > li').first();
    await card.waitFor();
    expect(await page.locator('.feedback-list > li').count()).toBe(1);
    expect(await card.locator('h2').textContent()).toMatch(/^Hjalp ikke · Dansk · /);
    expect(await card.locator('.facts').textContent()).toContain('Kommentar:Der stod ikke noget om natten.');
    expect(await card.locator('.transcript .message.user .text').allTextContents()).toEqual(['Hvor kan jeg parkere?', 'Hvad koster det at parkere om natten?']);
    expect(await card.locator('.message.rated .rated-mark').textContent()).toBe(' · Det bedømte svar');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'feedback');

    // "Tilføj til evalueringssæt": the citizen's question goes into an editor set.
    await card.getByRole('button', { name: 'Tilføj til evalueringssæt' }).press('Enter');
    await page.getByLabel('Evalueringssæt', { exact: true }).fill('fra-borgerne');
    await page.getByLabel('Emne').selectOption('parking');
    await page.getByLabel('Sider, svaret skal bygge på').fill(parking);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tilføj spørgsmålet' }).press('Enter');
    await eventually(() => announced(page)).toBe('Spørgsmålet er tilføjet til sættet fra-borgerne.');
    const stored = (await page.evaluate(async () => (await fetch('/api/editor/eval-sets')).json())) as { items: { name: string; source: string; questions: number }[] };
    expect(stored.items).toContainEqual({ name: 'fra-borgerne', source: 'editor', questions: 1 });

    await card.getByRole('button', { name: 'Markér som gennemset' }).press('Enter');
    await eventually(() => announced(page)).toBe('Feedbacken er markeret som gennemset.');
    expect(await page.locator('.feedback-list > li').count()).toBe(0);
    expect(await page.getByText('Der er ingen feedback at vise.').isVisible()).toBe(true);
    await page.getByLabel('Vis', { exact: true }).selectOption('reviewed');
    await page.getByRole('button', { name: 'Vis feedback' }).press('Enter');
    await eventually(() => page.locator('.feedback-list > li .facts').first().textContent()).toContain('Gennemset:Ida Redaktør');
    expect(cspErrors).toEqual([]);
  });

  it('shows content gaps as a chart and a table with examples, and the pages with their chunks', async () => {
    for (const question of ['Har I en frisør?', 'Er der en frisør på hospitalet?', 'Har i en frisør']) {
      const chat = await citizen.start();
      expect((await citizen.ask(chat, question)).kind).toBe('refusal');
    }
    const { page, cspErrors } = await openConsole(1280, '/editor#/gaps');
    await signIn(page, 'ida', 'Indholdshuller');
    const gaps = page.getByRole('table', { name: 'Emner uden svar, flest spørgsmål først' });
    await gaps.waitFor();
    const first = gaps.locator('tbody tr').first();
    expect(Number(await first.locator('td').first().textContent())).toBeGreaterThanOrEqual(2);
    expect(await first.locator('td').nth(1).textContent()).toMatch(/^Dansk \d+$/);
    expect(await page.getByRole('img', { name: /^Spørgsmål pr\. emne: / }).count()).toBe(1);
    await first.locator('summary').press('Enter');
    expect(await first.locator('.examples li').first().textContent()).toMatch(/frisør/i);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'gaps');

    await page.getByRole('link', { name: 'Sider', exact: true }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sider i indekset' }).waitFor();
    const pages = page.getByRole('table', { name: 'Sider i indekset' });
    await pages.waitFor();
    // The parking page was cited in the chats above: the most cited first.
    expect(Number(await pages.locator('tbody tr').first().locator('td').nth(2).textContent())).toBeGreaterThan(0);
    await page.getByLabel('Søg i titel eller adresse').fill('parkering');
    await page.getByLabel('Sortér efter').selectOption('title');
    await page.getByRole('button', { name: 'Søg' }).press('Enter');
    await eventually(() => announced(page)).toMatch(/^Fandt \d+ sider?\.$/);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'pages');
    await pages.locator('tbody th a').first().press('Enter');
    await page.locator('.chunks li').first().waitFor();
    expect(await page.locator('.chunks li .cited').first().textContent()).toMatch(/^Citeret \d+ gange?$/);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'page');
    expect(cspErrors).toEqual([]);
  });

  it('fits 768 px and 200% zoom without sideways scrolling', async () => {
    for (const [width, suffix] of [
      [768, '768'],
      [640, 'zoom-200'],
    ] as const) {
      const { page } = await openConsole(width);
      await signIn(page, 'ida');
      await page.getByRole('table', { name: 'Kørsler, nyeste først' }).waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);
      await shot(page, `runs-${suffix}`);
      await page.getByRole('table', { name: 'Kørsler, nyeste først' }).getByRole('link', { name: 'borgerspoergsmaal', exact: true }).press('Enter');
      await page.getByRole('table', { name: 'Spørgsmål i kørslen' }).waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);
      await shot(page, `run-${suffix}`);
      await page.getByRole('table', { name: 'Spørgsmål i kørslen' }).getByRole('link', { name: helipad.question }).press('Enter');
      await page.locator('.saved').waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);
      await shot(page, `question-${suffix}`);
      for (const [link, name] of [
        ['Feedback', 'feedback'],
        ['Indholdshuller', 'gaps'],
        ['Sider', 'pages'],
      ] as const) {
        await page.getByRole('link', { name: link, exact: true }).press('Enter');
        await page.locator('main table, main .empty, main .cards').first().waitFor();
        expect(await noSidewaysScroll(page)).toBe(true);
        await shot(page, `${name}-${suffix}`);
      }
    }
  });
});
