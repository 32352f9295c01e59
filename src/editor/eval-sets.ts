// The eval sets an editor can run: file sets (evals/sets/*.jsonl, read at start-up by an adapter and
// handed in) and editor sets stored in the database, built from real citizens' questions. A question
// taken from a conversation is redacted before it is stored: it becomes part of a file that may be
// committed to the repository.
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { supportedLanguages, type SupportedLanguage } from '../language/languages.js';
import { redactPersonalData } from '../safety/redact.js';
import { evalCaseSchema, formatEvalSet, type EvalCase, type questionKinds } from './eval-set.js';

export type EvalSetSource = 'file' | 'editor';

export interface EvalSetSummary {
  name: string;
  source: EvalSetSource;
  questions: number;
}

export interface NewCaseFromMessage {
  messageId: string;
  kind: (typeof questionKinds)[number];
  expect: EvalCase['expect'];
  note?: string;
}

/** Set names: what a file name may be, so an editor set can be exported as `<name>.jsonl`. */
export const evalSetNamePattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** How many turns before the question a case keeps as its history: what the chat gives the answer core. */
const historyTurns = 6;

// A name the citizen gives right after one of these phrases ("jeg hedder Anna Hansen").
const NAME_AFTER =
  /((?:^|[^\p{L}])(?:[Jj]eg hedder|[Mm]it navn er|[Jj]eg er|[Mm]y name is|I am|I'm|[Ii]ch hei(?:ß|ss)e|[Mm]ein [Nn]ame ist|[Мм]ене звати|[Мм]оє ім'я|اسمي)\s+)(\p{L}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*)/gu;

/**
 * A citizen's text as an eval set may keep it: CPR numbers, phone numbers and e-mail addresses
 * redacted (src/safety/redact.ts), and a name given after "jeg hedder", "mit navn er" … as [NAVN].
 * "Jeg er" is followed by a name only when it is capitalised ("jeg er indlagt" stays).
 * @example redactForEvalSet('Jeg hedder Anna Hansen, tlf 20304050') // 'Jeg hedder [NAVN], tlf [TELEFON]'
 */
export function redactForEvalSet(text: string): string {
  return redactPersonalData(text).replace(NAME_AFTER, (match, lead: string, name: string) => {
    if (/(?:[Jj]eg er|I am|I'm)\s+$/u.test(lead) && !/^\p{Lu}/u.test(name)) return match;
    return `${lead}[NAVN]`;
  });
}

interface MessageRow {
  id: string;
  session_id: string;
  role: string;
  kind: string;
  language: string;
  text: string;
  hospital: string | null;
  created_at: Date | string;
}

export class EvalSets {
  constructor(
    private readonly dependencies: {
      database: Database;
      /** The file sets by name, read at start-up. */
      files: ReadonlyMap<string, readonly EvalCase[]>;
      now?: () => Date;
    },
  ) {}

  async list(): Promise<EvalSetSummary[]> {
    const stored = await this.dependencies.database.query<{ set_name: string; questions: string | number }>(
      'SELECT set_name, count(*) AS questions FROM eval_cases GROUP BY set_name ORDER BY set_name',
    );
    return [
      ...[...this.dependencies.files].map(([name, cases]) => ({ name, source: 'file' as const, questions: cases.length })).sort((a, b) => a.name.localeCompare(b.name)),
      ...stored.filter((row) => !this.dependencies.files.has(row.set_name)).map((row) => ({ name: row.set_name, source: 'editor' as const, questions: Number(row.questions) })),
    ];
  }

  /** The set's questions in order; 404 when no set has the name. */
  async cases(name: string): Promise<{ source: EvalSetSource; cases: EvalCase[] }> {
    const file = this.dependencies.files.get(name);
    if (file !== undefined) return { source: 'file', cases: [...file] };
    const rows = await this.dependencies.database.query<{ eval_case: EvalCase }>('SELECT eval_case FROM eval_cases WHERE set_name = $1 ORDER BY position', [name]);
    if (rows.length === 0) throw new AppError('not_found', `No eval set named "${name}".`);
    return { source: 'editor', cases: rows.map((row) => row.eval_case) };
  }

  /** The set as JSON Lines in the eval-set format, ready to be committed to evals/sets/. */
  async export(name: string): Promise<string> {
    return formatEvalSet((await this.cases(name)).cases);
  }

  /**
   * Adds a citizen's question (a stored `question` message) to the editor set `name`, creating the
   * set if new. The text and history are redacted; language from the message, hospital from its chat.
   */
  async addFromMessage(name: string, input: NewCaseFromMessage, editor: string): Promise<EvalCase> {
    if (!evalSetNamePattern.test(name)) throw new AppError('invalid_request', 'name: lower-case letters, digits and hyphens, at most 64 characters.');
    if (this.dependencies.files.has(name)) {
      throw new AppError('conflict', `"${name}" is a file set (evals/sets/${name}.jsonl): change it in the repository, or add the question to an editor set with another name.`);
    }
    const { database } = this.dependencies;
    const message = (
      await database.query<MessageRow>(
        `SELECT m.id, m.session_id, m.role, m.kind, m.language, m.text, m.created_at, s.hospital
           FROM messages m JOIN sessions s ON s.id = m.session_id WHERE m.id = $1`,
        [input.messageId],
      )
    )[0];
    if (message === undefined) throw new AppError('not_found', `messageId: no message ${input.messageId} (it may have been deleted with its chat).`);
    if (message.kind !== 'question') throw new AppError('invalid_request', `messageId: message ${input.messageId} is ${message.role === 'user' ? 'not' : `the ${message.role}'s ${message.kind}, not`} a citizen's question.`);
    const earlier = await database.query<{ role: 'user' | 'assistant'; text: string }>(
      `SELECT role, text FROM messages
        WHERE session_id = $1 AND role IN ('user', 'assistant') AND kind <> 'system' AND (created_at, id) < ($2, $3)
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [message.session_id, message.created_at, message.id, historyTurns],
    );
    const history = earlier.reverse().map((turn) => ({ role: turn.role, text: redactForEvalSet(turn.text) })).filter((turn) => turn.text.trim() !== '');
    const language: SupportedLanguage = (supportedLanguages as readonly string[]).includes(message.language) ? (message.language as SupportedLanguage) : 'da';
    const caseId = `${input.kind}-${input.messageId.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 12) || 'q'}`;
    const parsed = evalCaseSchema.safeParse({
      id: caseId,
      question: redactForEvalSet(message.text),
      language,
      kind: input.kind,
      ...(message.hospital !== null && message.hospital !== '' && { hospital: message.hospital }),
      ...(history.length > 0 && { history }),
      expect: input.expect,
      ...(input.note !== undefined && input.note.trim() !== '' && { note: input.note.trim() }),
    });
    if (!parsed.success) {
      throw new AppError('invalid_request', parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
    }
    const rows = await database.query<{ case_id: string }>(
      `INSERT INTO eval_cases (set_name, case_id, eval_case, source_message_id, created_by, created_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6) ON CONFLICT (set_name, case_id) DO NOTHING RETURNING case_id`,
      [name, parsed.data.id, JSON.stringify(parsed.data), message.id, editor, (this.dependencies.now ?? (() => new Date()))()],
    );
    if (rows.length === 0) throw new AppError('conflict', `messageId: the question ${input.messageId} is already in the set "${name}" (as ${parsed.data.id}).`);
    return parsed.data;
  }
}
