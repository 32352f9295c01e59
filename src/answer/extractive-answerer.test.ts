import { describe, expect, it } from 'vitest';
import { testChunk } from '../search/__fixtures__/chunk.js';
import { ExtractiveAnswerer } from './extractive-answerer.js';

const answerer = new ExtractiveAnswerer();
const knee = testChunk({
  id: 'knee',
  title: 'Before your knee arthroscopy',
  headingPath: ['Before your knee arthroscopy', 'What to bring'],
  text: '• Your yellow health insurance card\n• A list of the medicines you take\n• Crutches, if you have been asked to bring them',
  language: 'en',
});
const fasting = testChunk({
  id: 'faste',
  title: 'Faste før bedøvelse',
  headingPath: ['Faste før bedøvelse'],
  text: 'Her kan du læse, hvad du må spise og drikke før bedøvelse. Du må drikke vand indtil 2 timer før bedøvelsen. Mad må du spise indtil 6 timer før.',
});

describe('ExtractiveAnswerer', () => {
  it('says which language the quote is in only when it is not the question\'s', async () => {
    const english = await answerer.generate({ question: 'What should I bring?', language: 'en', passages: [{ n: 1, chunk: knee }] });
    expect(english.lead).toBe("This is what the hospital's page says:");
    const german = await answerer.generate({ question: 'Was muss ich mitbringen?', language: 'de', passages: [{ n: 1, chunk: knee }] });
    expect(german.lead).toContain('auf Englisch');
    const fromDanish = await answerer.generate({ question: 'Can I drink water before anaesthesia?', language: 'en', passages: [{ n: 1, chunk: fasting }] });
    expect(fromDanish.lead).toContain('quoted in Danish');
  });

  it('quotes a list section from its first item', async () => {
    const output = await answerer.generate({ question: 'What should I bring for my knee arthroscopy?', language: 'en', passages: [{ n: 1, chunk: knee }] });
    expect(output.body.split('\n')[0]).toBe('• Your yellow health insurance card [1]');
    expect(output.body).toContain('Crutches');
  });

  it('quotes what the page says, not what the page is about', async () => {
    const output = await answerer.generate({ question: 'Må jeg drikke vand før bedøvelse?', language: 'da', passages: [{ n: 1, chunk: fasting }] });
    expect(output.body).not.toContain('Her kan du læse');
    expect(output.body).toContain('2 timer før');
  });

  it('keeps a numbered list item whole', async () => {
    const steps = testChunk({ id: 'soevn', title: 'Søvnundersøgelse', headingPath: ['Søvnundersøgelse', 'Sådan foregår undersøgelsen'], text: '1. Du henter apparatet kl. 14.\n2. Det tager omkring 20 minutter.\n3. Du tager hjem og sover.' });
    const output = await answerer.generate({ question: 'Hvordan foregår søvnundersøgelsen?', language: 'da', passages: [{ n: 1, chunk: steps }] });
    expect(output.body).toContain('3. Du tager hjem og sover. [1]');
    expect(output.body).not.toMatch(/^3\. \[1\]$/m);
  });
});
