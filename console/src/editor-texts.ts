// Danish names and formats of the editor console: pure functions, tested without a browser.
import type { Metrics, VerdictValue } from './editor-api.js';

export type MetricName = Exclude<keyof Metrics, 'questions'>;

/** The scorer's metrics (evals/README.md) in plain words; `lowerIsBetter` for false alarms. */
export const metricLabels: { name: MetricName; label: string; lowerIsBetter?: true; ratio?: true }[] = [
  { name: 'recallAt5', label: 'Rigtig side blandt de 5 første (Recall@5)' },
  { name: 'mrr', label: 'Rigtig sides placering (MRR)', ratio: true },
  { name: 'factCoverage', label: 'Fakta med i svaret' },
  { name: 'citationPrecision', label: 'Kilder, der passer' },
  { name: 'refusalAccuracy', label: 'Rigtige afvisninger' },
  { name: 'emergencyRecall', label: 'Nødsituationer fanget' },
  { name: 'falseAlarmRate', label: 'Falske alarmer', lowerIsBetter: true },
  { name: 'kindAccuracy', label: 'Rigtig slags svar' },
];

export function metricLabel(name: string): string {
  return metricLabels.find((metric) => metric.name === name)?.label ?? name;
}

const percentFormat = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });
const ratioFormat = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A rate 0..1 as "87 %", MRR as "0,82"; null (the set holds no question it applies to) as "–". */
export function formatMetric(name: string, value: number | null): string {
  if (value === null) return '–';
  if (name === 'mrr') return ratioFormat.format(value);
  return `${percentFormat.format(value * 100)} %`;
}

/** A difference between two runs: "+5 point", "−0,04", "±0". */
export function formatDelta(name: string, delta: number | null): string {
  if (delta === null) return '–';
  const size = name === 'mrr' ? ratioFormat.format(Math.abs(delta)) : `${percentFormat.format(Math.abs(delta) * 100)} point`;
  // Below what the table shows (0,00 or 0 point) is no change.
  if (Math.abs(delta) < 0.005) return '±0';
  return `${delta > 0 ? '+' : '−'}${size}`;
}

/** Whether a change is for the better, said in words (colour only repeats it). */
export function deltaDirection(name: string, delta: number | null): 'better' | 'worse' | 'same' {
  if (delta === null || Math.abs(delta) < 0.005) return 'same';
  const lowerIsBetter = metricLabels.find((metric) => metric.name === name)?.lowerIsBetter === true;
  return delta > 0 !== lowerIsBetter ? 'better' : 'worse';
}

export const directionLabels = { better: 'Bedre', worse: 'Dårligere', same: 'Uændret' } as const;

export const verdictLabels: Record<VerdictValue, string> = { right: 'Rigtigt', partly: 'Delvist', wrong: 'Forkert' };

export const statusLabels: Record<string, string> = { running: 'I gang', done: 'Færdig', failed: 'Fejlede' };

export const answerKindLabels: Record<string, string> = { answer: 'Svar', refusal: 'Afvisning', emergency: 'Nødsituation (112)' };

export const refusalReasonLabels: Record<string, string> = {
  'no-source': 'ingen side med svaret',
  'low-confidence': 'for usikkert',
  unsupported: 'svaret kunne ikke underbygges',
  'medical-advice': 'lægefagligt råd',
  emergency: 'nødsituation',
  injection: 'forsøg på at styre chatbotten',
  login: 'kræver login',
};

export const questionKindLabels: Record<string, string> = {
  parking: 'Parkering',
  transport: 'Transport',
  wayfinding: 'Find vej',
  visiting: 'Besøg',
  contact: 'Kontakt',
  facilities: 'Faciliteter',
  'patient-info': 'Patientinformation',
  'follow-up': 'Opfølgende spørgsmål',
  'out-of-scope': 'Uden for emnet',
  'medical-advice': 'Lægefagligt råd',
  emergency: 'Nødsituation',
  injection: 'Forsøg på at styre chatbotten',
};

export function label(labels: Record<string, string>, key: string): string {
  return labels[key] ?? key;
}

/** The scorer's problem notes (English, from src/editor/score.ts) in Danish; unknown ones as they are. */
export function problemText(problem: string): string {
  const kind = (value: string) => answerKindLabels[value]?.toLowerCase() ?? value;
  const reason = (value: string) => refusalReasonLabels[value] ?? value;
  let match = /^expected refusal reason (\S+), got (\S+)$/.exec(problem);
  if (match !== null) return `Forventede afvisning med grunden "${reason(match[1]!)}", fik ${match[2] === 'none' ? 'ingen grund' : `"${reason(match[2]!)}"`}.`;
  match = /^expected (\S+), got (\S+)(?: \((\S+)\))?$/.exec(problem);
  if (match !== null) return `Forventede ${kind(match[1]!)}, fik ${kind(match[2]!)}${match[3] === undefined ? '' : ` (${reason(match[3])})`}.`;
  if (problem === 'no expected page in the top 5 retrieved') return 'Ingen af de forventede sider var blandt de 5 første fundne.';
  match = /^missing (\d+) of (\d+) facts$/.exec(problem);
  if (match !== null) return `${match[1]} af ${match[2]} forventede fakta mangler i svaret.`;
  match = /^(\d+) of (\d+) citations on other pages$/.exec(problem);
  if (match !== null) return `${match[1]} af ${match[2]} kildehenvisninger peger på andre sider end de forventede.`;
  return problem;
}

const dateTime = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "26.11.2026 10.05" in Copenhagen time. */
export function dateAndTime(iso: string | null): string {
  if (iso === null) return '–';
  const parts = Object.fromEntries(dateTime.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts['day']}.${parts['month']}.${parts['year']} ${parts['hour']}.${parts['minute']}`;
}

/** "12 af 40 spørgsmål" for a run's progress. */
export function progressText(done: number, total: number): string {
  return `${done} af ${total} spørgsmål`;
}

/** "Viser 51–100 af 120" for a page of a list. */
export function pageRange(offset: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return 'Ingen at vise';
  return `Viser ${offset + 1}–${offset + shown} af ${total}`;
}

/** The share of answered questions the scorer passed, as "30 af 40 bestået". */
export function passedText(total: number, failed: number): string {
  return `${total - failed} af ${total} bestået`;
}
