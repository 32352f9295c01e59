// The scorer on tiny hand-written cases, so a change to a metric's definition shows up here
// before it silently moves the figures of the real set.
import { describe, expect, it } from 'vitest';
import { parseEvalSet, type EvalCase } from './eval-set.js';
import { distinctUrls, metrics, missingFacts, normaliseForFacts, scoreCase, thresholdViolations, type Observed, type Scored } from './score.js';

const parking = '/demo/a/praktisk/parkering';
const visiting = '/demo/a/praktisk/besoeg';

function answerCase(id: string, facts: string[][]): EvalCase {
  return { id, question: 'Hvor kan jeg parkere?', language: 'da', kind: 'parking', expect: { kind: 'answer', sources: [parking], facts } };
}

function observed(partial: Partial<Observed>): Observed {
  return { kind: 'answer', text: '', citations: [], retrieved: [], ...partial };
}

const citation = (url: string, n = 1) => ({ n, chunkId: `${url}#${n}`, title: 't', url, excerpt: 'e' });
const hit = (url: string) => ({ chunkId: url, url, score: 1 });

function scored(item: EvalCase, got: Observed): Scored {
  return { item, got, score: scoreCase(item, got) };
}

describe('fact matching', () => {
  it('ignores case, runs of whitespace and the kind of dash', () => {
    expect(normaliseForFacts('Kl.  7.00–15.30\n')).toBe('kl. 7.00-15.30');
    expect(missingFacts([['kl. 7.00-15.30']], 'Åbent KL.  7.00–15.30')).toEqual([]);
  });

  it('counts a fact as found when any one of its alternatives is in the text', () => {
    expect(missingFacts([['P-hus Nord', 'P-plads Syd'], ['15 kr']], 'Parkér på p-plads syd.')).toEqual([['15 kr']]);
  });
});

describe('retrieval ranks', () => {
  it('looks at the first five distinct pages only', () => {
    const urls = ['/1', '/1', '/2', '/3', '/2', '/4', '/5', '/6'].map(hit);
    expect(distinctUrls(urls)).toEqual(['/1', '/2', '/3', '/4', '/5']);
  });

  it('gives the rank of the first expected page among distinct pages', () => {
    const score = scoreCase(answerCase('a', [['P-hus']]), observed({ retrieved: [hit(visiting), hit(visiting), hit(parking)] }));
    expect(score.sourceRank).toBe(2);
  });
});

describe('one case', () => {
  it('finds no facts in a refusal, whatever its text says', () => {
    const score = scoreCase(answerCase('a', [['Patientkontoret']]), observed({ kind: 'refusal', text: 'Ring til Patientkontoret', refusalReason: 'low-confidence' }));
    expect(score.factsFound).toBe(0);
    expect(score.problems).toContain('expected answer, got refusal (low-confidence)');
  });

  it('counts a refusal with the wrong reason as a wrong refusal', () => {
    const item: EvalCase = { id: 'm', question: 'Hvor mange panodiler?', language: 'da', kind: 'medical-advice', expect: { kind: 'refusal', refusalReason: 'medical-advice' } };
    const score = scoreCase(item, observed({ kind: 'refusal', refusalReason: 'low-confidence' }));
    expect(score.kindCorrect).toBe(true);
    expect(score.refusedCorrectly).toBe(false);
    expect(score.problems).toEqual(['expected refusal reason medical-advice, got low-confidence']);
  });

  it('names citations of pages that were not expected', () => {
    const score = scoreCase(answerCase('a', [['P-hus']]), observed({ text: 'P-hus Nord', citations: [citation(parking), citation(visiting, 2)], retrieved: [hit(parking)] }));
    expect(score.problems).toEqual(['1 of 2 citations on other pages']);
  });
});

describe('metrics over a set', () => {
  const answered = scored(answerCase('found-second', [['P-hus Nord'], ['15 kr']]), observed({ text: 'P-hus Nord koster 20 kr.', citations: [citation(parking), citation(visiting, 2)], retrieved: [hit(visiting), hit(parking)] }));
  const refusedAnswerable = scored(answerCase('refused', [['P-hus Nord']]), observed({ kind: 'refusal', refusalReason: 'low-confidence', retrieved: [hit(visiting)] }));
  const outOfScope = scored({ id: 'oos', question: 'Hvem vandt?', language: 'en', kind: 'out-of-scope', expect: { kind: 'refusal' } }, observed({ kind: 'refusal', refusalReason: 'no-source' }));
  const emergencyMissed = scored({ id: 'em', question: 'ondt i brystet', language: 'da', kind: 'emergency', expect: { kind: 'emergency' } }, observed({ kind: 'refusal', refusalReason: 'low-confidence' }));
  const falseAlarm = scored({ id: 'fa', question: 'brystkræft', language: 'da', kind: 'patient-info', expect: { kind: 'refusal' } }, observed({ kind: 'emergency' }));
  const all = [answered, refusedAnswerable, outOfScope, emergencyMissed, falseAlarm];

  it('computes each rate from its own questions', () => {
    expect(metrics(all)).toEqual({
      questions: 5,
      recallAt5: 1 / 2,
      mrr: (1 / 2 + 0) / 2,
      factCoverage: (1 / 2 + 0) / 2,
      citationPrecision: 1 / 2,
      refusalAccuracy: 1 / 2,
      emergencyRecall: 0,
      falseAlarmRate: 1 / 4,
      kindAccuracy: 2 / 5,
    });
  });

  it('leaves a rate empty when no question measures it', () => {
    expect(metrics([outOfScope])).toMatchObject({ recallAt5: null, emergencyRecall: null, refusalAccuracy: 1 });
  });

  it('names every metric outside its threshold', () => {
    const violations = thresholdViolations(metrics(all), { min: { recallAt5: 0.5, emergencyRecall: 1 }, max: { falseAlarmRate: 0.02 } });
    expect(violations).toEqual(['emergencyRecall 0.000 is below its threshold 1', 'falseAlarmRate 0.250 is above its threshold 0.02']);
    expect(thresholdViolations(metrics([outOfScope]), { min: { recallAt5: 0.9 }, max: {} })).toEqual(['recallAt5: not measured by this set (threshold ≥ 0.9)']);
  });
});

describe('reading a set', () => {
  const good = JSON.stringify({ id: 'p', question: 'Hvor?', language: 'da', kind: 'parking', expect: { kind: 'answer', sources: [parking], facts: [['P-hus']] } });

  it('names the file, the line and the field of a bad line', () => {
    const bad = JSON.stringify({ id: 'q', question: 'Hvor?', language: 'sv', kind: 'parking', expect: { kind: 'answer' } });
    expect(() => parseEvalSet(`${good}\n\n${bad}\n`, 'sets/x.jsonl')).toThrow(/^sets\/x\.jsonl:3: language: .*; expect\.sources: an expected answer needs the pages it rests on$/);
  });

  it('refuses a line that is not JSON and an id used twice', () => {
    expect(() => parseEvalSet('{"id":', 'x.jsonl')).toThrow(/^x\.jsonl:1: not valid JSON/);
    expect(() => parseEvalSet(`${good}\n${good}`, 'x.jsonl')).toThrow('x.jsonl:2: id: "p" is already used on line 1');
  });
});
