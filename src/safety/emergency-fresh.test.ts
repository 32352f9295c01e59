// Twenty emergency messages written from scratch for the stroke / heart / anaphylaxis /
// overdose-with-suicide work, before any pattern was changed, in the words people type in a panic.
// They are a check on the classes, not strings to tune against: when one fails, widen the class.
import { describe, it, expect } from 'vitest';
import { detectEmergency, type EmergencyCategory } from './emergency.js';

type Fresh = readonly [text: string, categories: readonly EmergencyCategory[]];

export const FRESH_EMERGENCIES: readonly Fresh[] = [
  // --- Danish
  ['min far sidder og taler helt mærkeligt og hans højre side af munden hænger ned', ['stroke']],
  ['har slugt en hel pakke panodil for en time siden. vil bare sove for altid', ['poisoning', 'suicide']],
  ['jeg har sån et tryk i brystet det straaler ud i venstre arm og jeg sveder', ['cardiac']],
  ['min søn blev stukket af en bi og nu er hans læber og tunge helt hævede, han hiver efter vejret', ['allergic']],
  // --- English
  ["my mum's words are coming out all jumbled and she can't move her left leg", ['stroke']],
  ["dad says his chest feels really heavy and the pain is going into his jaw, he's all clammy", ['cardiac']],
  ['I swallowed a whole bottle of my antidepressants. I just want it all to be over', ['poisoning', 'suicide']],
  ['my 3 year old got into the cupboard and drank some dishwasher liquid', ['poisoning']],
  // --- German
  ['mein mann kann seinen arm nicht mehr bewegen und redet wirres zeug', ['stroke']],
  ['Ich habe ein Engegefühl in der Brust das in den linken Arm ausstrahlt, mir ist übel', ['cardiac']],
  ['Ich hab alle meine Schlaftabletten genommen, ich kann nicht mehr', ['poisoning', 'suicide']],
  ['nach dem wespenstich schwillt mein gesicht an und ich krieg kaum luft', ['allergic']],
  // --- Arabic
  // My mother suddenly can't move her right hand and her speech can't be understood.
  ['أمي فجأة ما تقدر تحرك يدها اليمين وكلامها مو مفهوم', ['stroke']],
  // I swallowed all the sleeping pills, I don't want to live any more.
  ['بلعت كل حبوب المنوم، ما عاد بدي عيش', ['poisoning', 'suicide']],
  // My son ate peanuts, his face is swollen and he can't breathe properly.
  ['ابني أكل فول سوداني ووجهه منتفخ وما يقدر يتنفس منيح', ['allergic']],
  // I have strong pressure on my chest and a cold sweat.
  ['عندي ضغط قوي على صدري وعرق بارد', ['cardiac']],
  // --- Ukrainian
  // Dad's face suddenly twisted and he can't lift his right arm.
  ['У тата раптом перекосило обличчя і він не може підняти праву руку', ['stroke']],
  // I drank/took the whole pack of sleeping pills, I don't want to live any more.
  ['я випила всю пачку снодійного, не хочу більше жити', ['poisoning', 'suicide']],
  // A wasp stung me and my throat is tightening, it's hard to swallow.
  ['мене вкусила оса і горло стискається, важко ковтати', ['allergic']],
  // Strong pressure in the chest going into the left arm, cold sweat.
  ['сильно тисне в грудях і віддає в ліву руку, холодний піт', ['cardiac']],
];

describe('detectEmergency: twenty fresh emergencies written before the class work', () => {
  it('has four per language', () => {
    expect(FRESH_EMERGENCIES).toHaveLength(20);
  });

  it.each(FRESH_EMERGENCIES)('%s → %j', (text, categories) => {
    const result = detectEmergency(text);
    expect(result.emergency).toBe(true);
    for (const category of categories) expect(result.categories).toContain(category);
  });
});
