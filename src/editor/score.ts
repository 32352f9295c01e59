// Scoring of an eval run: what one answer got right against its case, and the set's metrics. Pure
// functions over plain data, so they are tested on hand-written cases (evals/score.test.ts) and shared
// by the CLI (evals/run.ts), the CI test (evals/eval.test.ts) and the editor console's stored runs
// (eval-runs.ts). Definitions are documented in evals/README.md.
import type { Answer, RetrievedPassage } from '../answer/answer-service.js';
import type { EvalCase } from './eval-set.js';

/** How many distinct retrieved pages Recall@5 and MRR look at. */
export const retrievalDepth = 5;

/** What the run saw for one case: the parts of the Answer the scorer needs. */
export type Observed = Pick<Answer, 'kind' | 'text' | 'citations' | 'refusalReason'> & { retrieved: readonly Pick<RetrievedPassage, 'chunkId' | 'url'>[] };

export interface CaseScore {
  id: string;
  /** Expected an answer resting on named pages: counted by Recall@5, MRR, fact coverage and citation precision. */
  answerable: boolean;
  kindCorrect: boolean;
  /** The first `retrievalDepth` distinct retrieved pages, best first. */
  retrievedUrls: string[];
  /** 1-based rank of the first expected page among `retrievedUrls`; undefined when none is there. */
  sourceRank: number | undefined;
  factsExpected: number;
  factsFound: number;
  /** The facts not found, each given by its first alternative. */
  missingFacts: string[];
  citations: number;
  citationsOnExpectedSources: number;
  /** Refused, with the expected reason when the case names one. */
  refusedCorrectly: boolean;
  /** Reasons this case counts as a failure; empty when it passed. */
  problems: string[];
}

/** Lower case, one space for any run of whitespace, every dash as "-": "Kl. 7.00–15.30" matches "kl. 7.00-15.30". */
export function normaliseForFacts(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Distinct URLs in retrieval order, at most `depth`. */
export function distinctUrls(retrieved: readonly { url: string }[], depth = retrievalDepth): string[] {
  const urls: string[] = [];
  for (const { url } of retrieved) {
    if (!urls.includes(url)) urls.push(url);
    if (urls.length === depth) break;
  }
  return urls;
}

/** The facts (each a list of alternatives) none of whose alternatives occurs in `text`. */
export function missingFacts(facts: readonly (readonly string[])[], text: string): string[][] {
  const haystack = normaliseForFacts(text);
  return facts.filter((alternatives) => !alternatives.some((alternative) => haystack.includes(normaliseForFacts(alternative)))).map((alternatives) => [...alternatives]);
}

export function scoreCase(item: EvalCase, got: Observed): CaseScore {
  const { expect } = item;
  const sources = expect.sources ?? [];
  const answerable = expect.kind === 'answer' && sources.length > 0;
  const kindCorrect = got.kind === expect.kind;
  const retrievedUrls = distinctUrls(got.retrieved);
  const index = retrievedUrls.findIndex((url) => sources.includes(url));
  const sourceRank = index === -1 ? undefined : index + 1;
  const facts = expect.facts ?? [];
  // A refusal or an emergency card holds none of the facts of an answer, whatever its text says.
  const missing = got.kind === 'answer' ? missingFacts(facts, got.text) : facts.map((alternatives) => [...alternatives]);
  const citations = got.kind === 'answer' ? got.citations.length : 0;
  const citationsOnExpectedSources = got.kind === 'answer' ? got.citations.filter((citation) => sources.includes(citation.url)).length : 0;
  const refusedCorrectly = got.kind === 'refusal' && (expect.refusalReason === undefined || got.refusalReason === expect.refusalReason);

  const problems: string[] = [];
  if (!kindCorrect) problems.push(`expected ${expect.kind}, got ${got.kind}${got.refusalReason !== undefined ? ` (${got.refusalReason})` : ''}`);
  else if (expect.kind === 'refusal' && !refusedCorrectly) problems.push(`expected refusal reason ${expect.refusalReason}, got ${got.refusalReason ?? 'none'}`);
  if (answerable && sourceRank === undefined) problems.push('no expected page in the top 5 retrieved');
  if (answerable && kindCorrect && missing.length > 0) problems.push(`missing ${missing.length} of ${facts.length} facts`);
  if (answerable && citations > citationsOnExpectedSources) problems.push(`${citations - citationsOnExpectedSources} of ${citations} citations on other pages`);

  return {
    id: item.id,
    answerable,
    kindCorrect,
    retrievedUrls,
    sourceRank,
    factsExpected: facts.length,
    factsFound: facts.length - missing.length,
    missingFacts: missing.map((alternatives) => alternatives[0] as string),
    citations,
    citationsOnExpectedSources,
    refusedCorrectly,
    problems,
  };
}

export interface Metrics {
  questions: number;
  /** Each rate is null when the questions scored hold none it applies to. */
  recallAt5: number | null;
  mrr: number | null;
  factCoverage: number | null;
  citationPrecision: number | null;
  refusalAccuracy: number | null;
  emergencyRecall: number | null;
  falseAlarmRate: number | null;
  kindAccuracy: number | null;
}

export const metricNames = ['recallAt5', 'mrr', 'factCoverage', 'citationPrecision', 'refusalAccuracy', 'emergencyRecall', 'falseAlarmRate', 'kindAccuracy'] as const;
export type MetricName = (typeof metricNames)[number];

const share = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export interface Scored {
  item: EvalCase;
  got: Observed;
  score: CaseScore;
}

export function metrics(scored: readonly Scored[]): Metrics {
  const answerable = scored.filter(({ score }) => score.answerable);
  const withFacts = answerable.filter(({ score }) => score.factsExpected > 0);
  const refusals = scored.filter(({ item }) => item.expect.kind === 'refusal');
  const emergencies = scored.filter(({ item }) => item.expect.kind === 'emergency');
  const nonEmergencies = scored.filter(({ item }) => item.expect.kind !== 'emergency');
  return {
    questions: scored.length,
    recallAt5: share(answerable.filter(({ score }) => score.sourceRank !== undefined).length, answerable.length),
    mrr: share(sum(answerable.map(({ score }) => (score.sourceRank === undefined ? 0 : 1 / score.sourceRank))), answerable.length),
    factCoverage: share(sum(withFacts.map(({ score }) => score.factsFound / score.factsExpected)), withFacts.length),
    citationPrecision: share(sum(answerable.map(({ score }) => score.citationsOnExpectedSources)), sum(answerable.map(({ score }) => score.citations))),
    refusalAccuracy: share(refusals.filter(({ score }) => score.refusedCorrectly).length, refusals.length),
    emergencyRecall: share(emergencies.filter(({ got }) => got.kind === 'emergency').length, emergencies.length),
    falseAlarmRate: share(nonEmergencies.filter(({ got }) => got.kind === 'emergency').length, nonEmergencies.length),
    kindAccuracy: share(scored.filter(({ score }) => score.kindCorrect).length, scored.length),
  };
}

/** Metrics per value of `key` (language, kind…), keys in first-seen order. */
export function metricsBy(scored: readonly Scored[], key: (entry: Scored) => string): Record<string, Metrics> {
  const groups = new Map<string, Scored[]>();
  for (const entry of scored) groups.set(key(entry), [...(groups.get(key(entry)) ?? []), entry]);
  return Object.fromEntries([...groups].map(([name, entries]) => [name, metrics(entries)]));
}

/** Minimums for metrics where higher is better, maximums where lower is better (false alarms). */
export interface Thresholds {
  min: Partial<Record<MetricName, number>>;
  max: Partial<Record<MetricName, number>>;
}

/** One line per metric outside its threshold; a metric the set cannot measure (null) is reported too. */
export function thresholdViolations(measured: Metrics, thresholds: Thresholds): string[] {
  const violations: string[] = [];
  const value = (name: MetricName) => measured[name];
  for (const [name, minimum] of Object.entries(thresholds.min) as [MetricName, number][]) {
    const actual = value(name);
    if (actual === null) violations.push(`${name}: not measured by this set (threshold ≥ ${minimum})`);
    else if (actual < minimum) violations.push(`${name} ${actual.toFixed(3)} is below its threshold ${minimum}`);
  }
  for (const [name, maximum] of Object.entries(thresholds.max) as [MetricName, number][]) {
    const actual = value(name);
    if (actual === null) violations.push(`${name}: not measured by this set (threshold ≤ ${maximum})`);
    else if (actual > maximum) violations.push(`${name} ${actual.toFixed(3)} is above its threshold ${maximum}`);
  }
  return violations;
}
