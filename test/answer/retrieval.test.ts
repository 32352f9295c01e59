// What a citizen notices about retrieval: the page that answers is found however the question is
// worded, in whichever language, for the hospital they mean, and a follow-up is understood.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerRequest } from '../../src/answer/answer-service.js';
import { testRuntime } from '../support/runtime.js';

let runtime: Awaited<ReturnType<typeof testRuntime>>;
beforeAll(async () => {
  runtime = await testRuntime();
}, 120_000);
afterAll(() => runtime.close());

const ask = (request: AnswerRequest) => runtime.answers.answer(request);
const cited = async (request: AnswerRequest) => (await ask(request)).citations.map((citation) => citation.url);

describe('one question, many wordings', () => {
  it('answers a price question from the parking page, with the prices', async () => {
    const answer = await ask({ text: 'Hvad koster det at parkere?', hospital: 'fjordby' });
    expect(answer.kind).toBe('answer');
    expect(answer.citations[0]?.url).toBe('/demo/fjordby/praktisk/parkering');
    expect(answer.text).toMatch(/\d+ kr\./);
  });

  it('finds the page for lay words, abbreviations and typos', async () => {
    expect(await cited({ text: 'hvor er der en p-plads', hospital: 'fjordby' })).toContain('/demo/fjordby/praktisk/parkering');
    expect(await cited({ text: 'hvor kan jeg parkre', hospital: 'fjordby' })).toContain('/demo/fjordby/praktisk/parkering');
    // The blood-test page, or the blood-test department's record with its opening hours: both answer it.
    const bloodTests = await ask({ text: 'Hvornår kan jeg få taget blodprøver?', hospital: 'lyngaa' });
    expect(['/demo/lyngaa/pinfo/blodproever-paa-lyngaa-sygehus', '/demo/lyngaa/praktisk/find-vej']).toContain(bloodTests.citations[0]?.url);
    expect(bloodTests.text).toMatch(/kl\. 7\.30|blodprøve/i);
  });

  it('finds the Danish page for questions in English, German, Arabic and Ukrainian', async () => {
    for (const text of ['Where can I park?', 'Wo kann ich parken?', 'أين يمكنني ركن السيارة؟', 'Де можна припаркуватися?']) {
      const answer = await ask({ text, hospital: 'havnekobing' });
      expect(answer.kind, text).toBe('answer');
      expect(answer.citations[0]?.url, text).toBe('/demo/havnekobing/praktisk/parkering');
    }
  });

  it('understands Ukrainian questions in the cases citizens write them', async () => {
    const blood = await ask({ text: 'Де можна здати аналіз крові?', hospital: 'lyngaa' });
    expect(blood.kind).toBe('answer');
    expect(blood.language).toBe('uk');
    expect(blood.text).toContain('Indgang A');

    const interpreter = await ask({ text: 'Чи можу я отримати перекладача?', hospital: 'fjordby' });
    expect(interpreter.citations[0]?.url).toBe('/demo/fjordby/pinfo/interpreter-services');

    const bus = await ask({ text: 'Який автобус їде до лікарні?', hospital: 'havnekobing' });
    expect(bus.citations[0]?.url).toBe('/demo/havnekobing/praktisk/transport');
    expect(bus.text).toContain('Busserne H');

    const emergency = await ask({ text: 'Де знаходиться приймальне відділення невідкладної допомоги?', hospital: 'havnekobing' });
    expect(emergency.text).toContain('Indgang Syd');

    const visit = await ask({ text: 'Коли можна провідати маму?', hospital: 'lyngaa' });
    expect(visit.citations[0]?.url).toBe('/demo/lyngaa/praktisk/besoeg');
    expect(visit.text).toContain('kl. 10–20');
  });

  it('answers an English question that names a Danish hospital in English', async () => {
    const answer = await ask({ text: 'Which bus goes to Lyngå hospital?', hospital: 'fjordby' });
    expect(answer.language).toBe('en');
    expect(answer.citations[0]?.url).toBe('/demo/lyngaa/praktisk/transport');
    expect(answer.text).toContain('51');
  });

  it('does not answer for a department no page names, in any language', async () => {
    for (const text of ['Where is the dermatology department at Lyngå hospital?', 'Де відділення дерматології?', 'Wo ist die Hautklinik?']) {
      const answer = await ask({ text, hospital: 'lyngaa' });
      expect(answer.kind, text).toBe('refusal');
    }
    // A department a page does name is still found from its English name.
    expect((await ask({ text: 'Where is the cardiology department?', hospital: 'fjordby' })).text).toContain('Indgang 3');
  });

  it('answers "where is …" from the department record: building, entrance and floor', async () => {
    const answer = await ask({ text: 'Hvor er røntgen?', hospital: 'fjordby' });
    expect(answer.citations[0]?.url).toBe('/demo/fjordby/praktisk/find-vej');
    expect(answer.text).toContain('Indgang 1');
    expect(answer.text).toContain('1. sal');
  });
});

describe('the part of the topic asked about', () => {
  it('quotes the section a question asks for, not the page\'s introduction', async () => {
    const before = await ask({ text: 'Hvad skal jeg gøre før en koloskopi?', hospital: 'fjordby' });
    expect(before.citations[0]?.url).toBe('/demo/fjordby/pinfo/koloskopi');
    expect(before.text).not.toContain('kigger lægen ind i din tyktarm');
    expect(before.text).toMatch(/før undersøgelsen|plan/i);

    const duration = await ask({ text: 'Hvor lang tid tager en MR-scanning?', hospital: 'fjordby' });
    expect(duration.citations[0]?.url).toBe('/demo/fjordby/pinfo/mr-scanning');
    expect(duration.text).toContain('20–45 minutter');

    const results = await ask({ text: 'Hvornår får jeg svar på min blodprøve?', hospital: 'lyngaa' });
    expect(results.citations[0]?.url).toBe('/demo/lyngaa/pinfo/blodproever-paa-lyngaa-sygehus');
    expect(results.text).toContain('den læge, der har bestilt prøverne');
  });

  it('answers "what do I bring" from the packing list', async () => {
    const birth = await ask({ text: 'Hvad skal jeg have med, når jeg skal føde?', hospital: 'fjordby' });
    expect(birth.citations[0]?.url).toBe('/demo/fjordby/pinfo/naar-du-skal-foede');
    expect(birth.text).toMatch(/tasken/i);
  });

  it('answers "how do I …" from the section that says how', async () => {
    const answer = await ask({ text: 'hvordan klager jeg', hospital: 'havnekobing' });
    expect(answer.text).toContain('Styrelsen for Patientklager');
  });

  it('reads "tlf nr" as a phone question and "skadestuen" as the emergency department', async () => {
    const answer = await ask({ text: 'hvad er tlf nr til skadestuen', hospital: 'havnekobing' });
    expect(answer.text).toMatch(/Akutmodtagelsen: telefon \d\d \d\d \d\d \d\d/);
  });

  it('does not quote a sentence about the page itself', async () => {
    const answer = await ask({ text: 'Må jeg drikke vand før bedøvelse?', hospital: 'fjordby' });
    expect(answer.citations[0]?.url).toBe('/demo/fjordby/pinfo/faste-foer-bedoevelse');
    expect(answer.text).not.toMatch(/her kan du læse|this page/i);
  });
});

describe('knowing what it does not know', () => {
  it('refuses a question about a department or thing no page names, instead of quoting another', async () => {
    for (const [text, hospital] of [
      ['Hvor ligger Psykiatrisk Afdeling på Lyngå Sygehus?', 'lyngaa'],
      ['Hvornår har Fødegangen på Lyngå Sygehus åbent?', 'lyngaa'],
      ['Where is the dermatology department at Lyngå hospital?', 'lyngaa'],
      ['Hvad koster en pizza?', 'fjordby'],
      ['Hvordan laver man frikadeller?', 'fjordby'],
      ['Hvem vandt fodboldkampen i går?', 'fjordby'],
      // The hospital's street is on its pages; the supermarket on it is not.
      ['hvornår har netto på hedevej åbent', 'lyngaa'],
    ] as const) {
      const answer = await ask({ text, hospital });
      expect(answer.kind, text).toBe('refusal');
    }
  });

  it('still answers when the question carries words no page has, around a subject a page does have', async () => {
    for (const [text, hospital, url] of [
      ['hva er tlf nr til sygehuset', 'lyngaa', '/demo/lyngaa/praktisk/kontakt'],
      ['hvor kan jeg få en kop kaffe', 'lyngaa', '/demo/lyngaa/praktisk/faciliteter'],
      ['Hvad koster det at parkere, når jeg besøger min svigermor?', 'fjordby', '/demo/fjordby/praktisk/parkering'],
      ['wifi kode?', 'havnekobing', '/demo/havnekobing/praktisk/faciliteter'],
    ] as const) {
      const answer = await ask({ text, hospital });
      expect(answer.kind, text).toBe('answer');
      expect(answer.citations[0]?.url, text).toBe(url);
    }
  });
});

describe('follow-ups that point back', () => {
  it('gives the phone number of the department asked about before, not the switchboard', async () => {
    const answer = await ask({
      text: 'hvad er deres tlf nummer',
      hospital: 'lyngaa',
      history: [
        { role: 'user', text: 'Hvor ligger Medicinsk Ambulatorium?' },
        { role: 'assistant', text: 'Medicinsk Ambulatorium ligger i Ambulatoriefløjen.' },
      ],
    });
    expect(answer.text).toMatch(/Medicinsk Ambulatorium: telefon \d\d \d\d \d\d \d\d/);
  });
});

describe('which hospital', () => {
  it('answers for the hospital the question names, not the one whose page the widget is on', async () => {
    const urls = await cited({ text: 'Hvor kan jeg parkere på Lyngå Sygehus?', hospital: 'fjordby' });
    expect(urls[0]).toBe('/demo/lyngaa/praktisk/parkering');
    expect(urls.every((url) => !url.includes('/fjordby/'))).toBe(true);
  });

  it('knows a hospital spelled without å', async () => {
    expect((await cited({ text: 'parkering lyngaa', hospital: 'fjordby' }))[0]).toBe('/demo/lyngaa/praktisk/parkering');
  });
});

describe('follow-up questions', () => {
  const history = [
    { role: 'user' as const, text: 'Hvor kan jeg parkere på Fjordby?' },
    { role: 'assistant' as const, text: 'Du kan parkere i P-hus Nord (P1) …' },
  ];

  it('"og på Lyngå?" asks the same about another hospital', async () => {
    const answer = await ask({ text: 'og på Lyngå?', history, hospital: 'fjordby' });
    expect(answer.kind).toBe('answer');
    expect(answer.citations[0]?.url).toBe('/demo/lyngaa/praktisk/parkering');
  });

  it('"hvad koster det?" asks about the same thing', async () => {
    const answer = await ask({ text: 'Hvad koster det?', history, hospital: 'fjordby' });
    expect(answer.citations[0]?.url).toBe('/demo/fjordby/praktisk/parkering');
    expect(answer.text).toMatch(/\d+ kr\./);
  });

  it('without an earlier question, a bare "og på Lyngå?" is not guessed at', async () => {
    expect((await ask({ text: 'og på Lyngå?', hospital: 'fjordby' })).kind).toBe('refusal');
  });

  it('a new full question is not mixed with the one before', async () => {
    const answer = await ask({ text: 'Hvad er besøgstiderne?', history, hospital: 'fjordby' });
    expect(answer.citations[0]?.url).toBe('/demo/fjordby/praktisk/besoeg');
  });
});

describe('what editors and evaluations see', () => {
  it('lists what retrieval returned and names the cited chunk', async () => {
    const answer = await ask({ text: 'Hvor kan jeg parkere?', hospital: 'fjordby' });
    expect(answer.retrieved.length).toBeGreaterThan(0);
    expect(answer.retrieved.map((passage) => passage.chunkId)).toContain(answer.citations[0]?.chunkId);
  });

  it('says why it refused', async () => {
    const answer = await ask({ text: 'Hvem vandt fodboldkampen i går?', hospital: 'fjordby' });
    expect(answer.kind).toBe('refusal');
    expect(answer.refusalReason).toMatch(/no-source|low-confidence/);
  });
});
