// The editor console's calls to /api/editor (docs/editor-console.md): same origin, the session
// cookie, JSON in and out; the types are the ones that document fixes.
import { call } from './api.js';

// The shapes the editor routes answer with: the core's own types (type-only, nothing is bundled).
import type { FeedbackForEditors as FeedbackItem } from '../../src/chat/chat-service.js';
import type { ContentGap } from '../../src/editor/content-gaps.js';
import type {
  CaseChange as ChangedQuestion,
  EvalComparison as Comparison,
  EvalResult as Result,
  EvalRun as Run,
  EvalVerdict as Verdict,
  EvalVerdictValue as VerdictValue,
  Page,
} from '../../src/editor/eval-runs.js';
import type { EvalSetSummary as EvalSet } from '../../src/editor/eval-sets.js';
import type { PageDetail as PageWithChunks, PageForEditors as IndexedPage } from '../../src/editor/index-pages.js';
import type { Metrics } from '../../src/editor/score.js';

export type { ChangedQuestion, Comparison, ContentGap, EvalSet, FeedbackItem, IndexedPage, Metrics, Page, PageWithChunks, Result, Run, Verdict, VerdictValue };

/** A query string from the set values (undefined and '' left out). */
export function query(values: Record<string, string | number | undefined>): string {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== '') parameters.set(name, String(value));
  const text = parameters.toString();
  return text === '' ? '' : `?${text}`;
}

const base = '/api/editor';
const runPath = (id: string) => `${base}/eval-runs/${encodeURIComponent(id)}`;

export const editorApi = {
  evalSets: () => call<{ items: EvalSet[] }>('GET', `${base}/eval-sets`),
  addCase: (set: string, body: { messageId: string; kind: string; expect: Record<string, unknown>; note?: string }) => call<{ id: string }>('POST', `${base}/eval-sets/${encodeURIComponent(set)}/cases`, body),
  startRun: (set: string) => call<Run>('POST', `${base}/eval-runs`, { set }),
  runs: (offset: number, limit = 20) => call<Page<Run>>('GET', `${base}/eval-runs${query({ limit, offset })}`),
  run: (id: string) => call<Run>('GET', runPath(id)),
  results: (id: string, filter: { outcome?: string; language?: string; kind?: string; verdict?: string; offset: number; limit: number }) => call<Page<Result>>('GET', `${runPath(id)}/results${query(filter)}`),
  result: (id: string, caseId: string) => call<Result>('GET', `${runPath(id)}/results/${encodeURIComponent(caseId)}`),
  saveVerdict: (id: string, caseId: string, body: { verdict: VerdictValue; note?: string; correctSource?: string }) => call<Verdict>('PUT', `${runPath(id)}/results/${encodeURIComponent(caseId)}/verdict`, body),
  compare: (baseRun: string, other: string) => call<Comparison>('GET', `${base}/eval-runs/compare${query({ base: baseRun, other })}`),
  feedback: (filter: { rating?: string; status?: string; offset: number; limit: number }) => call<Page<FeedbackItem>>('GET', `${base}/feedback${query(filter)}`),
  review: (id: string, reviewed: boolean) => call<FeedbackItem>('PUT', `${base}/feedback/${encodeURIComponent(id)}/review`, { reviewed }),
  contentGaps: (filter: { days?: number; language?: string; offset: number; limit: number }) => call<Page<ContentGap>>('GET', `${base}/content-gaps${query(filter)}`),
  pages: (filter: { q?: string; sort?: string; offset: number; limit: number }) => call<Page<IndexedPage>>('GET', `${base}/pages${query(filter)}`),
  page: (url: string) => call<PageWithChunks>('GET', `${base}/pages/detail${query({ url })}`),
};
