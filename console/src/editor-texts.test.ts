import { describe, expect, it } from 'vitest';
import { dateAndTime, deltaDirection, formatDelta, formatMetric, pageRange, problemText } from './editor-texts.js';

describe('the editor console in plain Danish', () => {
  it('shows rates as per cent, MRR with two decimals, and an unmeasured metric as a dash', () => {
    expect(formatMetric('recallAt5', 0.874)).toBe('87 %');
    expect(formatMetric('mrr', 0.8234)).toBe('0,82');
    expect(formatMetric('factCoverage', null)).toBe('–');
  });

  it('says whether a change between two runs is better or worse, with false alarms counted the other way', () => {
    expect(formatDelta('recallAt5', 0.05)).toBe('+5 point');
    expect(formatDelta('mrr', -0.04)).toBe('−0,04');
    expect(formatDelta('recallAt5', 0)).toBe('±0');
    expect(deltaDirection('recallAt5', 0.05)).toBe('better');
    expect(deltaDirection('falseAlarmRate', 0.05)).toBe('worse');
    expect(deltaDirection('falseAlarmRate', -0.1)).toBe('better');
    expect(deltaDirection('kindAccuracy', null)).toBe('same');
  });

  it("translates the scorer's problem notes and keeps unknown ones", () => {
    expect(problemText('expected answer, got refusal (no-source)')).toBe('Forventede svar, fik afvisning (ingen side med svaret).');
    expect(problemText('no expected page in the top 5 retrieved')).toBe('Ingen af de forventede sider var blandt de 5 første fundne.');
    expect(problemText('missing 2 of 3 facts')).toBe('2 af 3 forventede fakta mangler i svaret.');
    expect(problemText('something new')).toBe('something new');
  });

  it('formats Copenhagen date and time and the range of a page', () => {
    expect(dateAndTime('2026-11-26T09:05:00.000Z')).toBe('26.11.2026 10.05');
    expect(pageRange(50, 50, 120)).toBe('Viser 51–100 af 120');
    expect(pageRange(0, 0, 0)).toBe('Ingen at vise');
  });
});
