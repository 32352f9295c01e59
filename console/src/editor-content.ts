// The editor console's views of live use and content: the feedback review queue (with adding a
// citizen's question to an eval set), content gaps (what citizens ask that no page answers) and the
// pages in the search index with their chunks and how often they are cited.
import { ApiError } from './api.js';
import { barChart } from './chart.js';
import { h, uid } from './dom.js';
import { editorApi, type FeedbackItem } from './editor-api.js';
import { externalLink, facts, handleFailure, pager, section, select, table } from './editor-kit.js';
import { dateAndTime, label, questionKindLabels, refusalReasonLabels } from './editor-texts.js';
import { languageName, languageNames, roleLabels } from './texts.js';
import { announce, errorBox, heading, main, showError } from './ui.js';

type Stop = () => void;

// ---------------------------------------------------------------------------------------------
// Feedback

export function showFeedback(): Stop {
  document.title = 'Feedback – Hospitalschat for redaktører';
  const error = errorBox();
  const limit = 20;
  const filter = { status: 'open', rating: 'down', offset: 0 };
  const status = select('Vis', 'status', [
    ['open', 'Ikke gennemset'],
    ['reviewed', 'Gennemset'],
  ]);
  const rating = select('Bedømmelse', 'rating', [
    ['down', 'Svaret hjalp ikke'],
    ['up', 'Svaret hjalp'],
    ['', 'Alle'],
  ]);
  const form = h('form', { class: 'inline-form filters' }, status.field, rating.field, h('button', { type: 'submit' }, 'Vis feedback'));
  const list = h('ul', { class: 'cards feedback-list' });
  const empty = h('p', { class: 'empty', hidden: true }, 'Der er ingen feedback at vise.');
  const pagerSlot = h('div');
  main.replaceChildren(
    heading('Feedback'),
    h('p', {}, 'Svar, som borgerne har sagt ikke hjalp, med deres kommentar og samtalen omkring. Markér dem som gennemset, når du har set på dem.'),
    form,
    error,
    empty,
    list,
    pagerSlot,
  );
  (main.querySelector('h1') as HTMLElement).focus();

  const load = async (announceCount: boolean) => {
    try {
      const page = await editorApi.feedback({ status: filter.status, rating: filter.rating, offset: filter.offset, limit });
      list.replaceChildren(...page.items.map(card));
      empty.hidden = page.items.length > 0;
      pagerSlot.replaceChildren(
        pager('Sider med feedback', filter.offset, page.items.length, page.total, page.nextOffset, limit, (next) => {
          filter.offset = next;
          void load(true);
        }),
      );
      if (announceCount) announce(page.total === 1 ? 'Viser 1 svar med feedback.' : `Viser ${page.total} svar med feedback.`);
    } catch (failure) {
      handleFailure(failure, error);
    }
  };

  const card = (item: FeedbackItem): HTMLLIElement => {
    const titleId = uid('feedback');
    const reviewed = item.reviewedAt !== null;
    const toggle = h('button', { type: 'button', 'aria-describedby': titleId }, reviewed ? 'Markér som ikke gennemset' : 'Markér som gennemset');
    const addSlot = h('div', { class: 'add-slot' });
    // One line per page, however many of its passages the answer cites.
    const sources = [...new Map(item.answer.citations.map((citation) => [citation.url, citation])).values()];
    const question = [...item.conversation].reverse().find((message) => message.role === 'user' && message.createdAt <= item.answer.createdAt);
    const add = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-describedby': titleId }, 'Tilføj til evalueringssæt');
    add.addEventListener('click', () => {
      if (addSlot.childElementCount > 0) {
        addSlot.replaceChildren();
        add.setAttribute('aria-expanded', 'false');
        return;
      }
      if (question === undefined) return;
      add.setAttribute('aria-expanded', 'true');
      addSlot.replaceChildren(addToSetForm(question.id, () => {
        addSlot.replaceChildren();
        add.setAttribute('aria-expanded', 'false');
        add.focus();
      }));
      addSlot.querySelector('input')?.focus();
    });
    const element = h(
      'li',
      { class: 'card' },
      h(
        'article',
        { 'aria-labelledby': titleId },
        h('h2', { id: titleId, tabindex: -1 }, `${item.rating === 'down' ? 'Hjalp ikke' : 'Hjalp'} · ${languageName(item.answer.language)} · ${dateAndTime(item.createdAt)}`),
        facts([
          ['Hospital', item.hospital],
          ['Kommentar', item.comment === null ? 'Ingen kommentar' : h('span', { lang: item.answer.language, dir: 'auto' }, item.comment)],
          ['Gennemset', reviewed ? `${item.reviewedBy ?? 'En redaktør'}, ${dateAndTime(item.reviewedAt)}` : null],
        ]),
        h('h3', {}, 'Samtalen'),
        h(
          'ol',
          { class: 'transcript' },
          item.conversation.map((message) => {
            const rated = message.id === item.messageId;
            return h(
              'li',
              { class: `message ${message.role}${rated ? ' rated' : ''}` },
              h('p', { class: 'meta' }, h('span', { class: 'role' }, roleLabels[message.role] ?? message.role), rated ? h('strong', { class: 'rated-mark' }, ' · Det bedømte svar') : null, ` · ${dateAndTime(message.createdAt)}`),
              h('p', { class: 'text', lang: item.answer.language, dir: 'auto' }, message.text),
            );
          }),
        ),
        sources.length === 0 ? null : h('ul', { class: 'sources', 'aria-label': 'Kilder i det bedømte svar' }, sources.map((citation) => h('li', {}, externalLink(citation.url, citation.title)))),
        h('div', { class: 'actions' }, toggle, question === undefined ? null : add),
        addSlot,
      ),
    );
    toggle.addEventListener('click', () => {
      toggle.disabled = true;
      editorApi.review(item.messageId, !reviewed).then(
        () => {
          const next = (element.nextElementSibling ?? element.previousElementSibling)?.querySelector('h2');
          element.remove();
          empty.hidden = list.children.length > 0;
          announce(reviewed ? 'Feedbacken er markeret som ikke gennemset.' : 'Feedbacken er markeret som gennemset.');
          if (next instanceof HTMLElement) next.focus();
          else (main.querySelector('h1') as HTMLElement).focus();
        },
        (failure: unknown) => {
          toggle.disabled = false;
          handleFailure(failure, error);
        },
      );
    });
    return element;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    Object.assign(filter, { status: status.control.value, rating: rating.control.value, offset: 0 });
    void load(true);
  });
  void load(false);
  return () => undefined;
}

/** Adds the citizen's question (message `messageId`) to an editor eval set, with what a right reply is. */
function addToSetForm(messageId: string, done: () => void): HTMLElement {
  const error = errorBox();
  const setId = uid('set');
  const listId = uid('sets');
  const setName = h('input', { id: setId, name: 'set', list: listId, autocomplete: 'off', spellcheck: 'false', required: true });
  const sets = h('datalist', { id: listId });
  void editorApi.evalSets().then(({ items }) => sets.replaceChildren(...items.filter((set) => set.source === 'editor').map((set) => h('option', { value: set.name }))), () => undefined);
  const kind = select('Emne', 'kind', Object.entries(questionKindLabels));
  const expectKind = select('Et rigtigt svar er', 'expect', [
    ['answer', 'Et svar fra siderne'],
    ['refusal', 'En afvisning'],
    ['emergency', 'Nødsituation (112)'],
  ]);
  const sourcesId = uid('sources');
  const sourcesHint = uid('sources-hint');
  const sources = h('textarea', { id: sourcesId, name: 'sources', rows: 2, 'aria-describedby': sourcesHint });
  const sourcesField = h('div', { class: 'field' }, h('label', { for: sourcesId }, 'Sider, svaret skal bygge på'), h('p', { id: sourcesHint, class: 'hint' }, 'Stien til hver side på sin egen linje, fx /parkering.'), sources);
  expectKind.control.addEventListener('change', () => (sourcesField.hidden = expectKind.control.value !== 'answer'));
  const submit = h('button', { type: 'submit' }, 'Tilføj spørgsmålet');
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Fortryd');
  cancel.addEventListener('click', done);
  const form = h(
    'form',
    { class: 'add-case', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: setId }, 'Evalueringssæt'), setName, sets),
    kind.field,
    expectKind.field,
    sourcesField,
    error,
    h('div', { class: 'row' }, submit, cancel),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = setName.value.trim();
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
      setName.setAttribute('aria-invalid', 'true');
      showError(error, 'Skriv sættets navn med små bogstaver, tal og bindestreger, fx borgerspoergsmaal.', false);
      setName.focus();
      return;
    }
    setName.removeAttribute('aria-invalid');
    const paths = sources.value.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    if (expectKind.control.value === 'answer' && (paths.length === 0 || paths.some((path) => !path.startsWith('/')))) {
      sources.setAttribute('aria-invalid', 'true');
      showError(error, 'Skriv mindst én side, svaret skal bygge på, som en sti, der begynder med /.', false);
      sources.focus();
      return;
    }
    sources.removeAttribute('aria-invalid');
    submit.disabled = true;
    const expect = expectKind.control.value === 'answer' ? { kind: 'answer', sources: paths } : { kind: expectKind.control.value };
    editorApi.addCase(name, { messageId, kind: kind.control.value, expect }).then(
      () => {
        announce(`Spørgsmålet er tilføjet til sættet ${name}.`);
        done();
      },
      (failure: unknown) => {
        submit.disabled = false;
        if (failure instanceof ApiError && failure.status === 409) showError(error, `Sættet ${name} er en fil i projektet og kan ikke ændres her. Vælg et andet navn.`);
        else handleFailure(failure, error);
      },
    );
  });
  return form;
}

// ---------------------------------------------------------------------------------------------
// Content gaps

export function showContentGaps(): Stop {
  document.title = 'Indholdshuller – Hospitalschat for redaktører';
  const error = errorBox();
  const limit = 25;
  const filter = { days: '30', language: '', offset: 0 };
  const days = select('Periode', 'days', [
    ['7', 'Seneste 7 dage'],
    ['30', 'Seneste 30 dage'],
    ['90', 'Seneste 90 dage'],
    ['365', 'Seneste år'],
  ], filter.days);
  const language = select('Sprog', 'language', [['', 'Alle sprog'], ...Object.entries(languageNames)]);
  const form = h('form', { class: 'inline-form filters' }, days.field, language.field, h('button', { type: 'submit' }, 'Vis emner'));
  const body = h('div');
  main.replaceChildren(
    heading('Indholdshuller'),
    h('p', {}, 'Spørgsmål, chatbotten ikke kunne svare på, fordi ingen side havde svaret, samlet i emner. De emner, borgerne spørger mest om, står først.'),
    form,
    error,
    body,
  );
  (main.querySelector('h1') as HTMLElement).focus();

  const load = async (announceCount: boolean) => {
    try {
      const page = await editorApi.contentGaps({ days: Number(filter.days), language: filter.language, offset: filter.offset, limit });
      if (page.items.length === 0) {
        body.replaceChildren(h('p', { class: 'empty' }, 'Ingen ubesvarede spørgsmål i perioden.'));
      } else {
        const top = page.items.slice(0, 10);
        const rows = page.items.map((gap) => [
          gap.label,
          String(gap.questions),
          Object.entries(gap.languages)
            .sort((a, b) => b[1] - a[1])
            .map(([code, count]) => `${languageName(code)} ${count}`)
            .join(', '),
          dateAndTime(gap.lastAskedAt),
          h(
            'details',
            {},
            h('summary', {}, `Vis ${gap.examples.length} ${gap.examples.length === 1 ? 'eksempel' : 'eksempler'}`),
            h('ul', { class: 'examples' }, gap.examples.map((example) => h('li', {}, h('span', { lang: example.language, dir: 'auto' }, example.text), ` (${[languageName(example.language), example.reason === null ? null : label(refusalReasonLabels, example.reason), dateAndTime(example.createdAt)].filter((part) => part !== null).join(', ')})`))),
          ),
        ]);
        body.replaceChildren(
          section(
            'De hyppigste emner',
            h('figure', { class: 'chart-figure' }, barChart('Spørgsmål pr. emne', top.map((gap) => ({ label: gap.label, value: gap.questions, text: `${gap.questions} spørgsmål` })), Math.max(...top.map((gap) => gap.questions))), h('figcaption', {}, 'Antal spørgsmål pr. emne. Tallene står også i tabellen.')),
          ),
          section(
            'Alle emner',
            table('Emner uden svar, flest spørgsmål først', ['Emne', 'Spørgsmål', 'Sprog', 'Senest spurgt', 'Eksempler'], rows, { numeric: [1], className: 'gaps' }),
            pager('Sider med emner', filter.offset, page.items.length, page.total, page.nextOffset, limit, (next) => {
              filter.offset = next;
              void load(true);
            }),
          ),
        );
      }
      if (announceCount) announce(page.total === 1 ? 'Viser 1 emne.' : `Viser ${page.total} emner.`);
    } catch (failure) {
      handleFailure(failure, error);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    Object.assign(filter, { days: days.control.value, language: language.control.value, offset: 0 });
    void load(true);
  });
  void load(false);
  return () => undefined;
}

// ---------------------------------------------------------------------------------------------
// Pages in the index

/** The search of the page list, kept while the editor opens a page and comes back. */
const pageFilter = { q: '', sort: 'cited', offset: 0 };

export function showPages(): Stop {
  document.title = 'Sider – Hospitalschat for redaktører';
  const error = errorBox();
  const limit = 50;
  const searchId = uid('search');
  const search = h('input', { id: searchId, name: 'q', type: 'search', autocomplete: 'off' });
  search.value = pageFilter.q;
  const sort = select('Sortér efter', 'sort', [
    ['cited', 'Oftest citeret'],
    ['title', 'Titel'],
    ['ingested', 'Senest indlæst'],
  ], pageFilter.sort);
  const form = h('form', { class: 'inline-form filters', role: 'search' }, h('div', { class: 'field' }, h('label', { for: searchId }, 'Søg i titel eller adresse'), search), sort.field, h('button', { type: 'submit' }, 'Søg'));
  const body = h('div');
  main.replaceChildren(heading('Sider i indekset'), h('p', {}, 'De sider, chatbotten svarer ud fra, og hvor tit den har citeret dem de seneste 90 dage.'), form, error, body);
  (main.querySelector('h1') as HTMLElement).focus();

  const load = async (announceCount: boolean) => {
    try {
      const page = await editorApi.pages({ q: pageFilter.q, sort: pageFilter.sort, offset: pageFilter.offset, limit });
      body.replaceChildren(
        page.items.length === 0
          ? h('p', { class: 'empty' }, 'Ingen sider passer til søgningen.')
          : table(
              'Sider i indekset',
              ['Titel', 'Hospital', 'Tekststykker', 'Citeret (90 dage)', 'Senest indlæst'],
              page.items.map((item) => [h('a', { href: `#/pages/detail?url=${encodeURIComponent(item.url)}` }, item.title), item.hospital ?? '–', String(item.chunks), String(item.cited), dateAndTime(item.lastIngestedAt)]),
              { numeric: [2, 3] },
            ),
        pager('Sider i listen', pageFilter.offset, page.items.length, page.total, page.nextOffset, limit, (next) => {
          pageFilter.offset = next;
          void load(true);
        }),
      );
      if (announceCount) announce(page.total === 1 ? 'Fandt 1 side.' : `Fandt ${page.total} sider.`);
    } catch (failure) {
      handleFailure(failure, error);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    Object.assign(pageFilter, { q: search.value.trim(), sort: sort.control.value, offset: 0 });
    void load(true);
  });
  void load(false);
  return () => undefined;
}

export function showPageDetail(url: string): Stop {
  document.title = 'Side – Hospitalschat for redaktører';
  const error = errorBox();
  const title = heading('Side');
  const body = h('div');
  main.replaceChildren(h('p', {}, h('a', { href: '#/pages' }, 'Tilbage til siderne')), title, error, body);
  title.focus();
  editorApi.page(url).then(
    (page) => {
      title.textContent = page.title;
      document.title = `${page.title} – Hospitalschat for redaktører`;
      body.replaceChildren(
        facts([
          ['Adresse', externalLink(page.url, page.url)],
          ['Hospital', page.hospital],
          ['Kilde', page.sourceId],
          ['Senest indlæst', dateAndTime(page.lastIngestedAt)],
          ['Senest gennemgået', page.lastReviewed === null ? 'Ikke angivet' : page.lastReviewed],
          ['Citeret (90 dage)', String(page.cited)],
        ]),
        section(
          `Tekststykker (${page.chunks.length})`,
          h(
            'ol',
            { class: 'chunks' },
            page.chunks.map((chunk, index) =>
              h(
                'li',
                { class: 'card' },
                h('h3', {}, chunk.headings.length === 0 ? `Tekststykke ${index + 1}` : chunk.headings.join(' › ')),
                h('p', { class: 'cited' }, chunk.cited === 1 ? 'Citeret 1 gang' : `Citeret ${chunk.cited} gange`),
                h('p', { class: 'text', lang: 'da' }, chunk.text),
              ),
            ),
          ),
        ),
      );
    },
    (failure: unknown) => handleFailure(failure, error),
  );
  return () => undefined;
}
