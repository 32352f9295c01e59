// Eval sets: what a citizen's question keeps when it becomes part of a set, and the file sets the
// server reads at start-up (a broken file is left out and named, never stops the server).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvalSetDirectory } from '../../src/editor/adapters/eval-set-files.js';
import { redactForEvalSet } from '../../src/editor/eval-sets.js';

describe('a citizen\'s question in an eval set', () => {
  it('loses CPR numbers, phone numbers, e-mail addresses and the name the citizen gave', () => {
    expect(redactForEvalSet('Hej, jeg hedder Anna Marie Hansen og mit CPR er 010190-1234. Hvor parkerer jeg?')).toBe('Hej, jeg hedder [NAVN] og mit CPR er [CPR]. Hvor parkerer jeg?');
    expect(redactForEvalSet('Mit navn er ole, ring på 20304050 eller skriv til ole@example.dk')).toBe('Mit navn er [NAVN], ring på [TELEFON] eller skriv til [E-MAIL]');
    expect(redactForEvalSet('My name is John Smith. Where do I park?')).toBe('My name is [NAVN]. Where do I park?');
    expect(redactForEvalSet('Jeg er Peter og skal til røntgen')).toBe('Jeg er [NAVN] og skal til røntgen');
  });

  it('keeps what is not a name', () => {
    expect(redactForEvalSet('Jeg er indlagt på afdeling B, hvornår er der besøgstid?')).toBe('Jeg er indlagt på afdeling B, hvornår er der besøgstid?');
    expect(redactForEvalSet('Hvor kan jeg parkere ved Fjordby Universitetshospital?')).toBe('Hvor kan jeg parkere ved Fjordby Universitetshospital?');
  });
});

describe('the file sets', () => {
  it('reads every good *.jsonl by name and names the broken ones', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'eval-sets-'));
    try {
      await writeFile(join(directory, 'good.jsonl'), '{"id":"a","question":"Hvor kan jeg parkere?","language":"da","kind":"parking","expect":{"kind":"refusal"}}\n');
      await writeFile(join(directory, 'broken.jsonl'), '{"id":"a","question":"Hvor?","language":"xx","kind":"parking","expect":{"kind":"refusal"}}\n');
      await writeFile(join(directory, 'notes.txt'), 'not a set');
      const { sets, problems } = await readEvalSetDirectory(directory);
      expect([...sets.keys()]).toEqual(['good']);
      expect(problems).toEqual([expect.stringMatching(/broken\.jsonl:1: language:/)]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('has none when the directory does not exist (a deployment without evals/)', async () => {
    expect(await readEvalSetDirectory(join(tmpdir(), 'no-such-eval-sets-directory'))).toEqual({ sets: new Map(), problems: [] });
  });
});
