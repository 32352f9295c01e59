// The phrase matcher shared by the safety pre-checks (emergency, medical advice): a small pattern
// language over normalised tokens with spelling folds (ø→oe/o, Arabic letter variants, Cyrillic
// look-alikes), bounded typo tolerance, split compounds and exclusions that cover one occurrence.
// Deterministic and dependency-free, so it runs on Node and in Workers before any model call.
//
// Pattern mini-language (one string per phrase):
//   - tokens are separated by spaces and must appear in order; up to `gap` filler tokens
//     (default 2) may sit between two consecutive tokens ("ondt i hele brystet");
//   - `a|b|c` are alternatives for one token;
//   - `stem*` matches any word starting with stem (inflections: "brystsmerte*");
//   - `*core*` matches any word containing core (Arabic clitics: "بالصدر", "صدري");
//   - `=word` is exact only, for words whose one-edit neighbours are ordinary words;
//   - a plain word of >= 6 letters also matches with one typo (>= 10 letters: two) when the
//     phrase is a single word, and one typo per word in multi-word phrases;
//   - a leading `[gap=N]` changes the allowed filler count for that phrase.

// --- normalisation ----------------------------------------------------------------------------

const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
const APOSTROPHES = /[\u2019\u2018\u02BC\u02BB\u0060\u00B4\u2032\uFF07\u02B9\u055A\u2018]/g;
const NOT_WORD = /[^\p{L}\p{M}\p{N}']+/gu;
const LOOSE_APOSTROPHE = /(^|[^\p{L}\p{M}\p{N}])'+|'+(?=[^\p{L}\p{M}\p{N}]|$)/gu;

export function normaliseForMatching(text: string): string {
  return (
    text
      .normalize('NFKC')
      // Soft hyphens, zero-width joiners and bidi marks would otherwise split or hide words.
      .replace(/\p{Cf}/gu, '')
      .toLowerCase()
      .replace(ARABIC_MARKS, '')
      .replace(APOSTROPHES, "'")
      .replace(NOT_WORD, ' ')
      .replace(LOOSE_APOSTROPHE, '$1 ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const DIGRAPH_FOLD: Readonly<Record<string, string>> = { æ: 'ae', ø: 'oe', å: 'aa', ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', œ: 'oe' };
const SINGLE_FOLD: Readonly<Record<string, string>> = { æ: 'a', ø: 'o', å: 'a', ä: 'a', ö: 'o', ü: 'u', ß: 'ss', œ: 'o' };
const ARABIC_FOLD: Readonly<Record<string, string>> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ؤ': 'و', 'ئ': 'ي', 'ک': 'ك', 'ی': 'ي',
};
// Mild: letters Ukrainian keyboards often lack. Strong: also Russian/Ukrainian look-alike vowels.
const CYRILLIC_MILD: Readonly<Record<string, string>> = { 'ґ': 'г', 'ё': 'е', 'ї': 'і' };
const CYRILLIC_STRONG: Readonly<Record<string, string>> = {
  'ґ': 'г', 'ё': 'е', 'ї': 'и', 'і': 'и', 'й': 'и', 'ы': 'и', 'є': 'е', 'э': 'е', 'ъ': '', 'ь': '',
};

function mapChars(s: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  for (const ch of s) out += table[ch] ?? ch;
  return out;
}

function stripLatinMarks(s: string): string {
  return s.normalize('NFD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC');
}

const ARABIC_CHAR = /[\u0600-\u06FF]/;

/**
 * Spelling variants of one token: as typed, with digraph folding (ø→oe), with single-letter
 * folding (ø→o), with æ→e, and for Arabic without a leading و/ف conjunction (words of three
 * letters or more). Matching succeeds when any variant of the text meets any variant of the pattern.
 */
function tokenVariants(token: string): string[] {
  const base = token.replace(/'/g, '').replace(/(.)\1{2,}/gu, '$1$1');
  const digraph = stripLatinMarks(mapChars(mapChars(mapChars(base, DIGRAPH_FOLD), ARABIC_FOLD), CYRILLIC_MILD));
  const single = stripLatinMarks(mapChars(mapChars(mapChars(base, SINGLE_FOLD), ARABIC_FOLD), CYRILLIC_STRONG));
  const out = new Set<string>([base, digraph, single]);
  if (base.includes('æ')) out.add(stripLatinMarks(mapChars(base.replace(/æ/g, 'e'), SINGLE_FOLD)));
  // Three letters are enough: "وما", "ولا", "ومش" ("and not") carry the negation of what follows.
  if (ARABIC_CHAR.test(base) && /^[وف]/.test(digraph) && digraph.length >= 3) out.add(digraph.slice(1));
  out.delete('');
  return [...out];
}

// Real words one typo away from a trigger. Fuzzy matching never uses these as input, so
// "Is there a strike tomorrow?" stays a practical question. Found by scanning word lists.
const NEVER_FUZZY_PREFIXES: readonly string[] = [
  'selvmøde', // "selvmøder": a patient who turns up without referral, common in A&E questions
  'bevidstgør',
  'vergib',
  'verschick',
  'kollidier',
  'herzschlag',
  'overdøv',
].flatMap(tokenVariants);

function isNeverFuzzy(variant: string): boolean {
  return NEVER_FUZZY.has(variant) || NEVER_FUZZY_PREFIXES.some((p) => variant.startsWith(p));
}

const NEVER_FUZZY: ReadonlySet<string> = new Set(
  [
    'strike',
    'strikes',
    'stoke',
    'stroll',
    'cooking',
    'coking',
    'chowing',
    'overdone',
    'overdoes',
    'overdoing',
    'overcoming',
    'sizing',
    'vergibt',
    'verguetung',
    'vergutung',
    'vergütung',
    'vermietung',
    'vergeltung',
    'verhaftung',
    'vernietung',
    'verschickt',
    'verschreckt',
    'verscheucht',
    'herzschlag',
    'bewusstes',
    'bewusster',
    'kollidiert',
    'kollaboriert',
    'lieblos',
    'lebensmut',
    'selvmøder',
    'selvmødere',
    'selvmøderen',
    'selvmøderne',
    'selvmøders',
    'selvmøderes',
    'bevidstes',
    'bevidstgør',
    'lovløs',
    'lovløse',
    'lovløst',
  ].flatMap(tokenVariants),
);

// --- edit distance ------------------------------------------------------------------------------

// Reused DP rows: the fuzzy pass runs thousands of small comparisons per long message.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal-string-alignment (restricted Damerau–Levenshtein) distance, capped at max + 1. */
function osaDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (rowA.length <= lb) {
    rowA = new Int32Array(lb * 2);
    rowB = new Int32Array(lb * 2);
    rowC = new Int32Array(lb * 2);
  }
  let twoBack = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = (prev[j - 1] as number) + (ai === bj ? 0 : 1);
      const del = (prev[j] as number) + 1;
      const ins = (cur[j - 1] as number) + 1;
      if (del < v) v = del;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) {
        const tr = (twoBack[j - 2] as number) + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = twoBack;
    twoBack = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] as number;
}

/**
 * Distance between stem and the best prefix of text that is at least as long as the stem.
 * Shorter prefixes are not considered: they let "передоз*" match "передзвонити" (call back).
 */
function prefixDistance(stem: string, text: string, max: number): number {
  const L = stem.length;
  if (text.length < L) return max + 1;
  const t = text.slice(0, L + max);
  let best = max + 1;
  for (let len = L; len <= t.length; len++) best = Math.min(best, osaDistance(stem, t.slice(0, len), max));
  return best;
}

// --- compiled patterns -----------------------------------------------------------------------

type Mode = 'word' | 'exact' | 'prefix' | 'contains';

interface Alternative {
  mode: Mode;
  forms: readonly string[];
  /** Edits allowed against `forms` (0 for exact, Arabic and short words). */
  maxEdits: number;
}

interface TokenSpec {
  id: number;
  alternatives: readonly Alternative[];
}

export interface Phrase<C extends string = string> {
  label: string;
  category: C | null;
  tokens: readonly TokenSpec[];
  gap: number;
}

const DEFAULT_GAP = 2;

function allowedEdits(word: string, singleWordPhrase: boolean, script: 'arabic' | 'other'): number {
  if (script === 'arabic') return 0;
  const n = [...word].length;
  if (n >= 10) return singleWordPhrase ? 2 : 1;
  if (n >= 6) return 1;
  return 0;
}

export class PatternSet<C extends string = string> {
  readonly phrases: Phrase<C>[] = [];
  readonly specs: TokenSpec[] = [];
  private readonly specByKey = new Map<string, TokenSpec>();
  private readonly singleWordSpecs = new Set<number>();
  /** First-token spec id → phrases starting with it. */
  readonly phrasesByFirstSpec = new Map<number, Phrase<C>[]>();

  // Lookup structures built from all alternatives of all specs.
  private readonly exactIndex = new Map<string, Set<number>>();
  private readonly prefixIndex = new Map<string, Set<number>>();
  // Keyed by first letter: typos rarely hit it, and requiring it keeps "leisure" away from "seizure".
  private readonly fuzzyWords = new Map<string, FuzzyEntry[]>();
  private readonly fuzzyPrefixes = new Map<string, FuzzyEntry[]>();
  private readonly contains: { spec: number; form: string }[] = [];
  private maxPrefixLength = 0;
  // What each word matched, kept across messages: the safety checks read every message, and the words
  // citizens write repeat. Bounded (cleared when full); cleared when a phrase is added.
  private readonly matched = new Map<string, ReadonlySet<number>>();

  add(source: string, category: C | null): void {
    this.matched.clear();
    let gap = DEFAULT_GAP;
    let body = source.trim();
    const gapMatch = /^\[gap=(\d+)\]\s*/.exec(body);
    if (gapMatch) {
      gap = Number(gapMatch[1]);
      body = body.slice(gapMatch[0].length);
    }
    const rawTokens = normaliseSource(body).split(' ').filter((t) => t.length > 0);
    const single = rawTokens.length === 1;
    const tokens = rawTokens.map((raw) => this.spec(raw, single));
    const label = rawTokens.map((raw) => (raw.split('|')[0] ?? raw).replace(/[*=]/g, '')).join(' ');
    const phrase: Phrase<C> = { label, category, tokens, gap };
    this.register(phrase);

    // "heartattack", "hjerteanfald" typed as one word: offer two-word phrases joined up too.
    // Exact only: a typo allowance on a guessed compound found "underbevidsthed" in "uden bevidsthed".
    if (rawTokens.length === 2) {
      const [a, b] = rawTokens.map((t) => t.split('|'));
      const plain = (alts: string[] | undefined): alts is string[] =>
        alts !== undefined && alts.length <= 4 && alts.every((x) => /^[^*=]+$/.test(x));
      if (plain(a) && plain(b)) {
        const joined = a.flatMap((x) => b.map((y) => `=${x}${y}`)).join('|');
        this.register({ label, category, tokens: [this.spec(joined, true)], gap });
      }
    }
  }

  private register(phrase: Phrase<C>): void {
    this.phrases.push(phrase);
    const first = phrase.tokens[0];
    if (!first) return;
    const list = this.phrasesByFirstSpec.get(first.id) ?? [];
    list.push(phrase);
    this.phrasesByFirstSpec.set(first.id, list);
  }

  private spec(raw: string, singleWordPhrase: boolean): TokenSpec {
    const key = `${singleWordPhrase ? 's' : 'm'}:${raw}`;
    const existing = this.specByKey.get(key);
    if (existing) return existing;
    const id = this.specs.length;
    const alternatives: Alternative[] = raw
      .split('|')
      .filter((a) => a.length > 0)
      .map((alt) => {
        let mode: Mode = 'word';
        let word = alt;
        const exactOnly = word.startsWith('=');
        if (exactOnly) word = word.slice(1);
        if (word.startsWith('*') && word.endsWith('*') && word.length > 2) {
          mode = 'contains';
          word = word.slice(1, -1);
        } else if (word.endsWith('*')) {
          mode = 'prefix';
          word = word.slice(0, -1);
        } else if (exactOnly) {
          mode = 'exact';
        }
        const script = ARABIC_CHAR.test(word) ? 'arabic' : 'other';
        const forms = tokenVariants(word);
        let maxEdits = 0;
        if (mode === 'word') maxEdits = allowedEdits(word, singleWordPhrase, script);
        // A stem already covers many forms; one typo on top is enough.
        // Short stems with a typo allowance hit too many ordinary words (vergift* ~ vergilt,
        // überdos* ~ übergoss), so only stems of eight letters or more get one.
        if (mode === 'prefix' && !exactOnly && [...word].length >= 8) {
          maxEdits = Math.min(1, allowedEdits(word, singleWordPhrase, script));
        }
        return { mode, forms, maxEdits };
      });
    const spec: TokenSpec = { id, alternatives };
    this.specs.push(spec);
    if (singleWordPhrase) this.singleWordSpecs.add(id);
    this.specByKey.set(key, spec);
    for (const alt of alternatives) {
      for (const form of alt.forms) {
        if (alt.mode === 'word' || alt.mode === 'exact') {
          addToIndex(this.exactIndex, form, id);
          if (alt.maxEdits > 0) addFuzzy(this.fuzzyWords, { spec: id, form, max: alt.maxEdits });
        } else if (alt.mode === 'prefix') {
          addToIndex(this.prefixIndex, form, id);
          this.maxPrefixLength = Math.max(this.maxPrefixLength, form.length);
          if (alt.maxEdits > 0) addFuzzy(this.fuzzyPrefixes, { spec: id, form, max: alt.maxEdits });
        } else {
          this.contains.push({ spec: id, form });
        }
      }
    }
    return spec;
  }

  /** All spec ids that one text token satisfies. */
  matchToken(token: string, allowFuzzy: boolean): ReadonlySet<number> {
    const key = `${allowFuzzy ? '~' : '='}${token}`;
    let specs = this.matched.get(key);
    if (specs === undefined) {
      if (this.matched.size >= matchMemoryLimit) this.matched.clear();
      specs = this.matchTokenNow(token, allowFuzzy);
      this.matched.set(key, specs);
    }
    return specs;
  }

  private matchTokenNow(token: string, allowFuzzy: boolean): Set<number> {
    const out = new Set<number>();
    const variants = tokenVariants(token);
    for (const v of variants) {
      for (const id of this.exactIndex.get(v) ?? []) out.add(id);
      const limit = Math.min(v.length, this.maxPrefixLength);
      for (let len = 1; len <= limit; len++) {
        for (const id of this.prefixIndex.get(v.slice(0, len)) ?? []) out.add(id);
      }
      for (const c of this.contains) if (!out.has(c.spec) && v.includes(c.form)) out.add(c.spec);
    }
    // A correctly spelt key term is not a typo of another one ("herzinfarkt" is not "hirninfarkt").
    const isKeyTerm = [...out].some((id) => this.singleWordSpecs.has(id));
    if (!allowFuzzy || isKeyTerm || token.length < 5 || variants.some(isNeverFuzzy)) return out;
    for (const v of variants) {
      const first = v[0] ?? '';
      for (const f of this.fuzzyWords.get(first) ?? []) {
        if (!out.has(f.spec) && osaDistance(f.form, v, f.max) <= f.max) out.add(f.spec);
      }
      for (const f of this.fuzzyPrefixes.get(first) ?? []) {
        if (!out.has(f.spec) && prefixDistance(f.form, v, f.max) <= f.max) out.add(f.spec);
      }
    }
    return out;
  }
}

const matchMemoryLimit = 20_000;

interface FuzzyEntry {
  spec: number;
  form: string;
  max: number;
}

function addFuzzy(index: Map<string, FuzzyEntry[]>, entry: FuzzyEntry): void {
  const key = entry.form[0] ?? '';
  const list = index.get(key) ?? [];
  list.push(entry);
  index.set(key, list);
}

function addToIndex(index: Map<string, Set<number>>, key: string, id: number): void {
  const set = index.get(key) ?? new Set<number>();
  set.add(id);
  index.set(key, set);
}

/** Normalise a pattern source while keeping its syntax characters. */
function normaliseSource(source: string): string {
  return source
    .split(' ')
    .map((token) =>
      token
        .split('|')
        .map((alt) => {
          const lead = alt.startsWith('=') ? '=' : alt.startsWith('*') ? '*' : '';
          const trail = alt.endsWith('*') && alt.length > 1 ? '*' : '';
          const core = alt.slice(lead.length, alt.length - trail.length);
          // Hyphenated pattern words ("hjerte-lunge-redning") are single tokens here.
          return lead + normaliseForMatching(core).replace(/ /g, '') + trail;
        })
        .join('|'),
    )
    .join(' ');
}

// --- matching -----------------------------------------------------------------------------------

export interface Span {
  start: number;
  end: number;
}

/** Earliest-ending match of `phrase` starting at `start`, or null. */
function matchAt<C extends string>(phrase: Phrase<C>, start: number, tokenSpecs: readonly ReadonlySet<number>[]): Span | null {
  const search = (k: number, pos: number): number => {
    if (k === phrase.tokens.length) return pos;
    const spec = phrase.tokens[k];
    if (!spec) return -1;
    const last = Math.min(tokenSpecs.length - 1, pos + 1 + phrase.gap);
    for (let p = pos + 1; p <= last; p++) {
      if (tokenSpecs[p]?.has(spec.id)) {
        const end = search(k + 1, p);
        if (end >= 0) return end;
      }
    }
    return -1;
  };
  const end = search(1, start);
  return end >= 0 ? { start, end } : null;
}

export function findSpans<C extends string>(set: PatternSet<C>, tokens: readonly string[]): Map<Phrase<C>, Span[]> {
  const cache = new Map<string, ReadonlySet<number>>();
  // Two words glued together are only compared exactly: a typo allowance on top of a guessed
  // compound found "vergift" in "vergibt die".
  const specsFor = (token: string, joined = false): ReadonlySet<number> => {
    const key = joined ? `+${token}` : token;
    let hit = cache.get(key);
    if (!hit) {
      hit = set.matchToken(token, !joined);
      cache.set(key, hit);
    }
    return hit;
  };
  const tokenSpecs = tokens.map((token) => specsFor(token));
  const spans = new Map<Phrase<C>, Span[]>();
  const record = (phrase: Phrase<C>, span: Span): void => {
    const list = spans.get(phrase) ?? [];
    list.push(span);
    spans.set(phrase, list);
  };

  for (let i = 0; i < tokens.length; i++) {
    const here = tokenSpecs[i];
    if (!here) continue;
    for (const specId of here) {
      for (const phrase of set.phrasesByFirstSpec.get(specId) ?? []) {
        const span = matchAt(phrase, i, tokenSpecs);
        if (span) record(phrase, span);
      }
    }
    // Compounds split by a space or hyphen ("bryst smerter", "selv-mord") against one-word phrases.
    const next = tokens[i + 1];
    const cur = tokens[i];
    if (next !== undefined && cur !== undefined && cur.length >= 2 && next.length >= 2) {
      for (const specId of specsFor(cur + next, true)) {
        for (const phrase of set.phrasesByFirstSpec.get(specId) ?? []) {
          if (phrase.tokens.length === 1) record(phrase, { start: i, end: i + 1 });
        }
      }
    }
  }
  return spans;
}

// Clause breaks in the raw text. Punctuation is gone after normalisation, so without this
// "...having a stroke, clinic says wait" would read as "stroke clinic" and be excluded.
const CLAUSE_BREAK = /[.!?;:,()[\]{}"«»“”…¡¿،؛؟\n\r]+|\s[-–—]\s/u;

/**
 * Sentence breaks: a comma does not end a sentence ("jeg har feber, hvad skal jeg tage?"), and
 * a full stop only does when a space or the end follows, so "2.5 mg" and "kl.16" stay whole.
 */
export const SENTENCE_BREAK = /[.!?…]+(?=\s|$)|[;¡¿؛؟\n\r]+/u;

/**
 * Clause number of every token, or null when the clause split does not line up with the
 * token list (then no exclusion is trusted, which errs towards showing the card).
 */
export function clauseIds(text: string, tokenCount: number, breaks: RegExp = CLAUSE_BREAK): number[] | null {
  const ids: number[] = [];
  text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .split(breaks)
    .forEach((clause, id) => {
      const n = normaliseForMatching(clause).split(' ').filter((t) => t.length > 0).length;
      for (let i = 0; i < n; i++) ids.push(id);
    });
  return ids.length === tokenCount ? ids : null;
}
