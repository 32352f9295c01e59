// Evaluations in the editor console: the stored runs (start one, watch it progress), one run's
// metrics and questions, one question with the editor's verdict, and the comparison of two runs.
import { ApiError } from './api.js';
import { barChart } from './chart.js';
import { h, uid } from './dom.js';
import { editorApi, type Comparison, type Metrics, type Result, type Run, type VerdictValue } from './editor-api.js';
import { externalLink, facts, handleFailure, pager, section, select, table } from './editor-kit.js';
import {
  answerKindLabels,
  dateAndTime,
  deltaDirection,
  directionLabels,
  formatDelta,
  formatMetric,
  label,
  metricLabel,
  metricLabels,
  passedText,
  problemText,
  progressText,
  questionKindLabels,
  refusalReasonLabels,
  statusLabels,
  verdictLabels,
} from './editor-texts.js';
import { languageName } from './texts.js';
import { announce, errorBox, heading, main, showError } from './ui.js';

type Stop = () => void;

const runPath = (id: string) => `#/evals/${encodeURIComponent(id)}`;
const resultPath = (id: string, caseId: string) => `${runPath(id)}/results/${encodeURIComponent(caseId)}`;

/** Asks for the run every second until it is no longer running; `update` sees every answer. */
function watchRun(id: string, update: (run: Run) => void, failed: (error: unknown) => void): Stop {
  let timer: number | undefined;
  let stopped = false;
  const poll = () => {
    editorApi.run(id).then(
      (run) => {
        if (stopped) return;
        update(run);
        if (run.status === 'running') timer = window.setTimeout(poll, 1000);
      },
      (error: unknown) => {
        if (!stopped) failed(error);
      },
    );
  };
  timer = window.setTimeout(poll, 1000);
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}

/** A run's progress as a <progress> bar with the same numbers in words. */
function progressBox(run: Run): { element: HTMLElement; update: (run: Run) => void } {
  const labelId = uid('progress');
  const bar = h('progress', { max: Math.max(1, run.total), value: run.done, 'aria-labelledby': labelId });
  const words = h('p', { class: 'progress-text' });
  const element = h('div', { class: 'progress-box' }, h('p', { id: labelId, class: 'progress-label' }, `Kørslen af sættet ${run.set}`), bar, words);
  const update = (current: Run) => {
    bar.max = Math.max(1, current.total);
    bar.value = current.done;
    bar.textContent = progressText(current.done, current.total);
    words.textContent = `${progressText(current.done, current.total)}${current.failed > 0 ? `, ${current.failed} med fejl` : ''}`;
  };
  update(run);
  return { element, update };
}

/** What a finished run says once through the live region. */
function finishedSentence(run: Run): string {
  if (run.status === 'failed') return `Kørslen af sættet ${run.set} fejlede: ${run.error ?? 'ukendt fejl'}.`;
  return `Kørslen af sættet ${run.set} er færdig: ${passedText(run.total, run.failed)}.`;
}

const runLabel = (run: Run) => `${run.set}, ${dateAndTime(run.startedAt)}`;

// ---------------------------------------------------------------------------------------------
// The runs

export function showRuns(): Stop {
  document.title = 'Evalueringer – Hospitalschat for redaktører';
  const error = errorBox();
  const startSlot = h('div');
  const progressSlot = h('div', { class: 'progress-slot' });
  const listSlot = h('div');
  const compareSlot = h('div');
  main.replaceChildren(
    heading('Evalueringer'),
    h('p', {}, 'Chatbotten svarer på alle spørgsmål i et evalueringssæt, og svarene bliver vurderet automatisk. Se, hvor den svarer rigtigt og forkert, og giv din egen vurdering.'),
    error,
    section('Start en kørsel', startSlot, progressSlot),
    section('Kørsler', listSlot),
    section('Sammenlign to kørsler', compareSlot),
  );
  (main.querySelector('h1') as HTMLElement).focus();

  let stopWatch: Stop = () => undefined;
  let offset = 0;
  const limit = 20;

  const watch = (run: Run) => {
    stopWatch();
    const progress = progressBox(run);
    progressSlot.replaceChildren(h('h3', {}, 'Kørsel i gang'), progress.element);
    stopWatch = watchRun(
      run.id,
      (current) => {
        progress.update(current);
        if (current.status !== 'running') {
          progressSlot.replaceChildren(h('p', { class: 'notice' }, finishedSentence(current), ' ', h('a', { href: runPath(current.id) }, `Se kørslen af ${current.set}`)));
          announce(finishedSentence(current));
          void loadRuns();
        }
      },
      (failure) => handleFailure(failure, error),
    );
  };

  const loadSets = async () => {
    const { items } = await editorApi.evalSets();
    const sets = select('Evalueringssæt', 'set', items.map((set) => [set.name, `${set.name} (${set.questions} spørgsmål)`]));
    const submit = h('button', { type: 'submit' }, 'Start en kørsel');
    const form = h('form', { class: 'inline-form' }, sets.field, submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (sets.control.value === '') {
        showError(error, 'Vælg et evalueringssæt.');
        return;
      }
      submit.disabled = true;
      editorApi.startRun(sets.control.value).then(
        (run) => {
          submit.disabled = false;
          error.hidden = true;
          announce(`Kørslen af sættet ${run.set} er startet.`);
          watch(run);
          void loadRuns();
        },
        (failure: unknown) => {
          submit.disabled = false;
          if (failure instanceof ApiError && failure.status === 409) showError(error, `Der kører allerede en evaluering. ${failure.message}`);
          else handleFailure(failure, error);
        },
      );
    });
    startSlot.replaceChildren(items.length === 0 ? h('p', { class: 'empty' }, 'Der er ingen evalueringssæt.') : form);
  };

  const loadRuns = async () => {
    try {
      const page = await editorApi.runs(offset, limit);
      const rows = page.items.map((run) => [
        h('a', { href: runPath(run.id) }, run.set),
        run.startedBy,
        dateAndTime(run.startedAt),
        label(statusLabels, run.status),
        run.status === 'running' ? progressText(run.done, run.total) : `${run.done} af ${run.total}`,
        run.done === 0 ? '–' : passedText(run.done, run.failed),
        formatMetric('recallAt5', run.metrics?.recallAt5 ?? null),
        formatMetric('factCoverage', run.metrics?.factCoverage ?? null),
        run.verdicts.agreementRate === null ? '–' : formatMetric('agreement', run.verdicts.agreementRate),
      ]);
      listSlot.replaceChildren(
        page.items.length === 0
          ? h('p', { class: 'empty' }, 'Der er ingen kørsler endnu. Start den første ovenfor.')
          : table('Kørsler, nyeste først', ['Sæt', 'Startet af', 'Tidspunkt', 'Status', 'Spørgsmål', 'Bestået', 'Recall@5', 'Fakta med', 'Enighed med redaktør'], rows),
        pager('Sider med kørsler', offset, page.items.length, page.total, page.nextOffset, limit, (next) => {
          offset = next;
          void loadRuns();
        }),
      );
      const running = page.items.find((run) => run.status === 'running');
      if (running !== undefined && progressSlot.querySelector('progress') === null) watch(running);
      renderCompare(page.items);
    } catch (failure) {
      handleFailure(failure, error);
    }
  };

  const renderCompare = (runs: Run[]) => {
    const done = runs.filter((run) => run.status === 'done');
    if (done.length < 2) {
      compareSlot.replaceChildren(h('p', { class: 'empty' }, 'Når der er to færdige kørsler, kan du sammenligne dem her.'));
      return;
    }
    const options = done.map((run): [string, string] => [run.id, runLabel(run)]);
    const before = select('Før', 'base', options, done[1]?.id);
    const after = select('Efter', 'other', options, done[0]?.id);
    const form = h('form', { class: 'inline-form' }, before.field, after.field, h('button', { type: 'submit' }, 'Sammenlign'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (before.control.value === after.control.value) {
        showError(error, 'Vælg to forskellige kørsler.');
        return;
      }
      location.hash = `#/compare/${encodeURIComponent(before.control.value)}/${encodeURIComponent(after.control.value)}`;
    });
    compareSlot.replaceChildren(form);
  };

  void loadSets().catch((failure: unknown) => handleFailure(failure, error));
  void loadRuns();
  return () => stopWatch();
}

// ---------------------------------------------------------------------------------------------
// One run

/** The filters of a run's question list, kept while the editor opens a question and comes back. */
const resultFilters = new Map<string, { outcome: string; language: string; kind: string; verdict: string; offset: number }>();

function metricsTable(caption: string, groups: Record<string, Metrics>, name: (key: string) => string): HTMLElement {
  return table(
    caption,
    ['', 'Spørgsmål', ...metricLabels.map((metric) => metric.label)],
    Object.entries(groups).map(([key, metrics]) => [name(key), String(metrics.questions), ...metricLabels.map((metric) => formatMetric(metric.name, metrics[metric.name]))]),
    { numeric: [1, ...metricLabels.map((_, index) => index + 2)] },
  );
}

export function showRun(id: string): Stop {
  document.title = 'Kørsel – Hospitalschat for redaktører';
  const error = errorBox();
  const title = heading('Kørsel');
  const body = h('div');
  main.replaceChildren(h('p', {}, h('a', { href: '#/evals' }, 'Tilbage til evalueringer')), title, error, body);
  title.focus();
  let stopWatch: Stop = () => undefined;

  const render = (run: Run) => {
    title.textContent = `Kørsel: ${run.set}`;
    document.title = `Kørsel: ${run.set} – Hospitalschat for redaktører`;
    const configuration = Object.entries(run.configuration)
      .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(', ');
    const summary = facts([
      ['Status', label(statusLabels, run.status)],
      ['Startet af', run.startedBy],
      ['Startet', dateAndTime(run.startedAt)],
      ['Færdig', run.finishedAt === null ? null : dateAndTime(run.finishedAt)],
      ['Resultat', run.done === 0 ? null : passedText(run.done, run.failed)],
      ['Konfiguration', configuration],
    ]);
    const parts: (Node | null)[] = [summary];
    if (run.status === 'failed') parts.push(h('p', { class: 'error' }, `Kørslen fejlede: ${run.error ?? 'ukendt fejl'}`));
    if (run.status === 'running') {
      const progress = progressBox(run);
      parts.push(progress.element);
      stopWatch = watchRun(
        run.id,
        (current) => {
          progress.update(current);
          if (current.status !== 'running') {
            announce(finishedSentence(current));
            render(current);
          }
        },
        (failure) => handleFailure(failure, error),
      );
    }
    const verdicts = run.verdicts;
    const judged = verdicts.right + verdicts.partly + verdicts.wrong;
    parts.push(
      section(
        'Redaktørernes vurderinger',
        judged === 0
          ? h('p', { class: 'empty' }, 'Ingen har vurderet svar fra denne kørsel endnu.')
          : facts([
              ['Rigtigt', String(verdicts.right)],
              ['Delvist', String(verdicts.partly)],
              ['Forkert', String(verdicts.wrong)],
              ['Enighed med den automatiske vurdering', verdicts.agreementRate === null ? '–' : formatMetric('agreement', verdicts.agreementRate)],
            ]),
      ),
    );
    if (run.metrics !== null) {
      const metrics = run.metrics;
      const rates = metricLabels.filter((metric) => metrics[metric.name] !== null);
      parts.push(
        section(
          'Nøgletal',
          h(
            'div',
            { class: 'chart-layout' },
            h('figure', { class: 'chart-figure' }, barChart('Nøgletal i procent', rates.map((metric) => ({ label: metric.label, value: metrics[metric.name] ?? 0, text: formatMetric(metric.name, metrics[metric.name]) })), 1), h('figcaption', {}, 'Nøgletal for hele kørslen. Tallene står også i tabellen.')),
            table(
              `Nøgletal for ${metrics.questions} spørgsmål`,
              ['Mål', 'Værdi'],
              metricLabels.map((metric) => [metric.label, formatMetric(metric.name, metrics[metric.name])]),
              { numeric: [1] },
            ),
          ),
        ),
        section('Efter sprog', metricsTable('Nøgletal efter sprog', run.byLanguage, languageName)),
        section('Efter slags spørgsmål', metricsTable('Nøgletal efter slags spørgsmål', run.byKind, (key) => label(questionKindLabels, key))),
      );
    }
    parts.push(questionsSection(run, error));
    body.replaceChildren(...parts.filter((part): part is Node => part !== null));
  };

  editorApi.run(id).then(render, (failure: unknown) => handleFailure(failure, error));
  return () => stopWatch();
}

function questionsSection(run: Run, error: HTMLElement): HTMLElement {
  const limit = 25;
  const filter = resultFilters.get(run.id) ?? { outcome: 'failed', language: '', kind: '', verdict: '', offset: 0 };
  resultFilters.set(run.id, filter);
  const outcome = select('Vis', 'outcome', [
    ['failed', 'Kun dem med fejl'],
    ['all', 'Alle'],
    ['passed', 'Kun beståede'],
  ], filter.outcome);
  const language = select('Sprog', 'language', [['', 'Alle sprog'], ...Object.keys(run.byLanguage).map((code): [string, string] => [code, languageName(code)])], filter.language);
  const kind = select('Slags', 'kind', [['', 'Alle slags'], ...Object.keys(run.byKind).map((key): [string, string] => [key, label(questionKindLabels, key)])], filter.kind);
  const verdict = select('Redaktørens vurdering', 'verdict', [['', 'Alle'], ['none', 'Ikke vurderet'], ['right', 'Rigtigt'], ['partly', 'Delvist'], ['wrong', 'Forkert']], filter.verdict);
  const form = h('form', { class: 'inline-form filters' }, outcome.field, language.field, kind.field, verdict.field, h('button', { type: 'submit' }, 'Vis spørgsmål'));
  const list = h('div', { class: 'results' });

  const load = async (announceCount: boolean) => {
    try {
      const page = await editorApi.results(run.id, { outcome: filter.outcome, language: filter.language, kind: filter.kind, verdict: filter.verdict, offset: filter.offset, limit });
      const rows = page.items.map((result) => [
        h('a', { href: resultPath(run.id, result.caseId), lang: result.language, dir: 'auto' }, result.question),
        languageName(result.language),
        label(questionKindLabels, result.kind),
        result.automatic.passed ? 'Bestået' : 'Ikke bestået',
        result.verdict === null ? '–' : verdictLabels[result.verdict.verdict],
      ]);
      list.replaceChildren(
        page.items.length === 0
          ? h('p', { class: 'empty' }, 'Ingen spørgsmål passer til filteret.')
          : table('Spørgsmål i kørslen', ['Spørgsmål', 'Sprog', 'Slags', 'Automatisk vurdering', 'Redaktørens vurdering'], rows, { className: 'questions' }),
        pager('Sider med spørgsmål', filter.offset, page.items.length, page.total, page.nextOffset, limit, (next) => {
          filter.offset = next;
          void load(true);
        }),
      );
      if (announceCount) announce(page.total === 1 ? 'Viser 1 spørgsmål.' : `Viser ${page.total} spørgsmål.`);
    } catch (failure) {
      handleFailure(failure, error);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    Object.assign(filter, { outcome: outcome.control.value, language: language.control.value, kind: kind.control.value, verdict: verdict.control.value, offset: 0 });
    void load(true);
  });
  void load(false);
  return section('Spørgsmål', form, list);
}

// ---------------------------------------------------------------------------------------------
// One question

function passageList(passages: { url: string; title: string; text: string; number?: number }[], textLabel: string): HTMLElement {
  return h(
    'ol',
    { class: 'passages' },
    passages.map((passage) =>
      h(
        'li',
        {},
        h('p', { class: 'passage-title' }, passage.number === undefined ? null : `[${passage.number}] `, externalLink(passage.url, passage.title), h('span', { class: 'url' }, ` ${passage.url}`)),
        h('details', {}, h('summary', {}, textLabel), h('p', { class: 'text', lang: 'da' }, passage.text)),
      ),
    ),
  );
}

export function showResult(runId: string, caseId: string): Stop {
  document.title = 'Spørgsmål – Hospitalschat for redaktører';
  const error = errorBox();
  const title = heading('Spørgsmål');
  const body = h('div', { class: 'result' });
  main.replaceChildren(h('p', {}, h('a', { href: runPath(runId) }, 'Tilbage til kørslen')), title, error, body);
  title.focus();

  const render = (result: Result) => {
    const expected = result.expected;
    const answer = result.answer;
    body.replaceChildren(
      h('blockquote', { class: 'question', lang: result.language, dir: 'auto' }, result.question),
      facts([
        ['Sprog', languageName(result.language)],
        ['Slags', label(questionKindLabels, result.kind)],
        ['Hospital', result.hospital],
        ['Automatisk vurdering', result.automatic.passed ? 'Bestået' : 'Ikke bestået'],
      ]),
      ...(result.history.length === 0
        ? []
        : [section('Tidligere i samtalen', h('ol', { class: 'transcript' }, result.history.map((turn) => h('li', { class: `message ${turn.role}` }, h('p', { class: 'meta' }, h('span', { class: 'role' }, turn.role === 'user' ? 'Borger' : 'Chatbot')), h('p', { class: 'text', lang: result.language, dir: 'auto' }, turn.text)))))]),
      h(
        'div',
        { class: 'result-layout' },
        h(
          'div',
          {},
          section(
            'Chatbottens svar',
            facts([
              ['Slags', label(answerKindLabels, answer.kind)],
              ['Grund til afvisning', answer.refusalReason === null ? null : label(refusalReasonLabels, answer.refusalReason)],
            ]),
            h('p', { class: 'text answer-text', lang: result.language, dir: 'auto' }, answer.text),
            h('h3', {}, 'Citerede kilder'),
            answer.citations.length === 0 ? h('p', { class: 'empty' }, 'Svaret citerer ingen kilder.') : passageList(answer.citations, 'Vis det citerede tekststykke'),
          ),
          section('Fundne sider', h('p', {}, 'De 5 første sider, søgningen fandt til spørgsmålet.'), result.retrieved.length === 0 ? h('p', { class: 'empty' }, 'Søgningen fandt ingen sider.') : passageList(result.retrieved, 'Vis det fundne tekststykke')),
        ),
        h(
          'div',
          {},
          section(
            'Det forventede',
            facts([
              ['Slags', label(answerKindLabels, expected.kind)],
              ['Grund til afvisning', expected.refusalReason === undefined ? null : label(refusalReasonLabels, expected.refusalReason)],
            ]),
            expected.sources === undefined ? null : [h('h3', {}, 'Sider, svaret kan bygge på'), h('ul', {}, expected.sources.map((source) => h('li', {}, source)))],
            expected.facts === undefined ? null : [h('h3', {}, 'Fakta, svaret skal have med'), h('ul', {}, expected.facts.map((alternatives) => h('li', {}, alternatives.join(' eller '))))],
          ),
          section(
            'Automatisk vurdering',
            h('p', { class: result.automatic.passed ? 'verdict-passed' : 'verdict-failed' }, result.automatic.passed ? 'Bestået' : 'Ikke bestået'),
            result.automatic.problems.length === 0 ? null : h('ul', {}, result.automatic.problems.map((problem) => h('li', {}, problemText(problem)))),
            result.automatic.missingFacts.length === 0 ? null : [h('h3', {}, 'Fakta, der mangler'), h('ul', {}, result.automatic.missingFacts.map((fact) => h('li', {}, fact)))],
          ),
          verdictForm(runId, result),
        ),
      ),
    );
  };
  editorApi.result(runId, caseId).then(render, (failure: unknown) => handleFailure(failure, error));
  return () => undefined;
}

function verdictForm(runId: string, result: Result): HTMLElement {
  const error = errorBox();
  error.id = uid('verdict-error');
  const groupName = uid('verdict');
  const legendId = uid('legend');
  const radios = (['right', 'partly', 'wrong'] as const).map((value) => {
    const id = uid('verdict-option');
    const input = h('input', { type: 'radio', id, name: groupName, value, checked: result.verdict?.verdict === value });
    return { input, element: h('div', { class: 'choice' }, input, h('label', { for: id }, verdictLabels[value])) };
  });
  const noteId = uid('note');
  const note = h('textarea', { id: noteId, name: 'note', rows: 3, maxlength: 2000 });
  note.value = result.verdict?.note ?? '';
  const sourceId = uid('source');
  const sourceHint = uid('source-hint');
  const source = h('input', { id: sourceId, name: 'correctSource', type: 'text', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': sourceHint });
  source.value = result.verdict?.correctSource ?? '';
  const saved = h('p', { class: 'saved' });
  const showSaved = (verdict: Result['verdict']) => {
    saved.textContent = verdict === null ? 'Ikke vurderet endnu.' : `${verdictLabels[verdict.verdict]}, gemt af ${verdict.editor} ${dateAndTime(verdict.updatedAt)}.`;
  };
  showSaved(result.verdict);
  const submit = h('button', { type: 'submit' }, 'Gem vurdering');
  const form = h(
    'form',
    { class: 'verdict-form', novalidate: true },
    h('fieldset', { class: 'choices', 'aria-describedby': error.id }, h('legend', { id: legendId }, 'Er svaret rigtigt?'), radios.map((radio) => radio.element)),
    h('div', { class: 'field' }, h('label', { for: noteId }, 'Note (valgfri)'), note),
    h('div', { class: 'field' }, h('label', { for: sourceId }, 'Den rigtige kildeside (valgfri)'), h('p', { id: sourceHint, class: 'hint' }, 'Adressen på siden, svaret burde bygge på, fx /parkering eller https://…'), source),
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = radios.find((radio) => radio.input.checked)?.input.value as VerdictValue | undefined;
    if (chosen === undefined) {
      showError(error, 'Vælg Rigtigt, Delvist eller Forkert.', false);
      radios[0]?.input.focus();
      return;
    }
    const correctSource = source.value.trim();
    if (correctSource !== '' && !correctSource.startsWith('/') && !/^https?:\/\/\S+$/i.test(correctSource)) {
      source.setAttribute('aria-invalid', 'true');
      showError(error, 'Skriv kildesiden som en adresse, der begynder med / eller https://.', false);
      source.focus();
      return;
    }
    source.removeAttribute('aria-invalid');
    submit.disabled = true;
    editorApi.saveVerdict(runId, result.caseId, { verdict: chosen, ...(note.value.trim() !== '' && { note: note.value.trim() }), ...(correctSource !== '' && { correctSource }) }).then(
      (verdict) => {
        submit.disabled = false;
        error.hidden = true;
        showSaved(verdict);
        announce(`Vurderingen er gemt: ${verdictLabels[verdict.verdict]}.`);
      },
      (failure: unknown) => {
        submit.disabled = false;
        handleFailure(failure, error);
      },
    );
  });
  return section('Din vurdering', saved, form);
}

// ---------------------------------------------------------------------------------------------
// Two runs compared

export function showComparison(baseId: string, otherId: string): Stop {
  document.title = 'Sammenligning – Hospitalschat for redaktører';
  const error = errorBox();
  const body = h('div');
  main.replaceChildren(h('p', {}, h('a', { href: '#/evals' }, 'Tilbage til evalueringer')), heading('Sammenligning af to kørsler'), error, body);
  (main.querySelector('h1') as HTMLElement).focus();

  const changed = (title: string, items: Comparison['improved'], empty: string, runId: string) =>
    section(
      `${title} (${items.length})`,
      items.length === 0
        ? h('p', { class: 'empty' }, empty)
        : h('ul', { class: 'changed' }, items.map((item) => h('li', {}, h('a', { href: resultPath(runId, item.caseId), lang: item.language, dir: 'auto' }, item.question), ` (${languageName(item.language)}, ${label(questionKindLabels, item.kind).toLowerCase()})`))),
    );

  const render = (comparison: Comparison) => {
    const rows = comparison.metricDeltas.map((delta) => {
      const direction = deltaDirection(delta.name, delta.delta);
      return [
        metricLabel(delta.name),
        formatMetric(delta.name, delta.base),
        formatMetric(delta.name, delta.other),
        formatDelta(delta.name, delta.delta),
        h('span', { class: `direction ${direction}` }, direction === 'better' ? '▲ ' : direction === 'worse' ? '▼ ' : '', directionLabels[direction]),
      ];
    });
    body.replaceChildren(
      facts([
        ['Før', h('a', { href: runPath(comparison.base.id) }, runLabel(comparison.base))],
        ['Efter', h('a', { href: runPath(comparison.other.id) }, runLabel(comparison.other))],
      ]),
      table('Nøgletal før og efter', ['Mål', 'Før', 'Efter', 'Forskel', 'Ændring'], rows, { numeric: [1, 2, 3] }),
      changed('Blev bedre', comparison.improved, 'Ingen spørgsmål gik fra fejl til bestået.', comparison.other.id),
      changed('Blev dårligere', comparison.worsened, 'Ingen spørgsmål gik fra bestået til fejl.', comparison.other.id),
      h('p', {}, `Uændrede: ${comparison.unchanged}. Kun i kørslen før: ${comparison.onlyInBase}. Kun i kørslen efter: ${comparison.onlyInOther}.`),
    );
  };
  editorApi.compare(baseId, otherId).then(render, (failure: unknown) => handleFailure(failure, error));
  return () => undefined;
}
