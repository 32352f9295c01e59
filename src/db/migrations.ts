// Schema migrations, in order, as SQL every adapter runs unchanged (PGlite and PostgreSQL).
// Append new migrations; never edit one that has shipped.
import type { Database } from './database.js';

export interface Migration {
  id: number;
  name: string;
  statements: string[];
}

export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'sessions-messages-events',
    statements: [
      `CREATE TABLE sessions (
         id text PRIMARY KEY,
         created_at timestamptz NOT NULL DEFAULT now(),
         hospital text,
         language text NOT NULL,
         state text NOT NULL DEFAULT 'bot' CHECK (state IN ('bot', 'waiting', 'staff', 'closed')),
         emergency_flagged boolean NOT NULL DEFAULT false
       )`,
      `CREATE TABLE messages (
         id text PRIMARY KEY,
         session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
         created_at timestamptz NOT NULL DEFAULT now(),
         role text NOT NULL CHECK (role IN ('user', 'assistant', 'staff', 'system')),
         kind text NOT NULL CHECK (kind IN ('question', 'answer', 'refusal', 'emergency', 'staff', 'system')),
         language text NOT NULL,
         text text NOT NULL,
         citations jsonb NOT NULL DEFAULT '[]'::jsonb
       )`,
      `CREATE INDEX messages_session_created ON messages (session_id, created_at)`,
      // The replay log behind SSE Last-Event-ID: a message is stored before its event is announced.
      `CREATE TABLE session_events (
         id bigserial PRIMARY KEY,
         session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
         created_at timestamptz NOT NULL DEFAULT now(),
         type text NOT NULL,
         payload jsonb NOT NULL
       )`,
      `CREATE INDEX session_events_session_id ON session_events (session_id, id)`,
    ],
  },
  {
    id: 2,
    name: 'appointments',
    statements: [
      // Patient-scoped and never indexed for search. patient_identifier is "<system>|<value>" as the
      // identity broker asserts it (a CPR number for Danish patients).
      `CREATE TABLE appointments (
         id text PRIMARY KEY,
         patient_identifier text NOT NULL,
         status text NOT NULL,
         starts_at timestamptz,
         ends_at timestamptz,
         service text,
         description text,
         hospital text,
         department text,
         location_name text,
         location_description text,
         instruction text,
         resource jsonb NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX appointments_patient ON appointments (patient_identifier, starts_at)`,
    ],
  },
  {
    id: 3,
    name: 'feedback',
    statements: [
      // One rating per answer: giving it again replaces it (updated_at moves, created_at stays).
      // The comment is kept as the citizen typed it, for editors; it never goes into a log line.
      `CREATE TABLE feedback (
         message_id text PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
         session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
         rating text NOT NULL CHECK (rating IN ('up', 'down')),
         comment text CHECK (char_length(comment) <= 1000),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      // The editors' list: newest first.
      `CREATE INDEX feedback_updated ON feedback (updated_at DESC, message_id DESC)`,
    ],
  },
  {
    id: 4,
    name: 'message-reply-to',
    statements: [
      // Which citizen message an answer replies to: editors see the question an answer was rated
      // for, exactly (two questions stored in the same millisecond cannot be told apart by time).
      `ALTER TABLE messages ADD COLUMN reply_to text REFERENCES messages(id) ON DELETE SET NULL`,
    ],
  },
  {
    id: 5,
    name: 'escalations',
    statements: [
      // Who wrote a staff message, as the citizen sees it (a first name or a role).
      `ALTER TABLE messages ADD COLUMN author text`,
      // One row per time a chat went to a person. state: waiting (in the queue), staff (a person
      // has it), bot (handed back), closed (ended with an outcome).
      `CREATE TABLE escalations (
         id bigserial PRIMARY KEY,
         session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
         state text NOT NULL CHECK (state IN ('waiting', 'staff', 'bot', 'closed')),
         reason text NOT NULL CHECK (reason IN ('citizen', 'emergency', 'refusals', 'feedback', 'topic')),
         team text NOT NULL,
         priority integer NOT NULL,
         requested_at timestamptz NOT NULL DEFAULT now(),
         claimed_by text,
         claimed_by_name text,
         claimed_at timestamptz,
         ended_at timestamptz,
         ended_by_name text,
         outcome text,
         summary jsonb NOT NULL
       )`,
      // At most one open escalation per chat: two requests at once cannot queue it twice.
      `CREATE UNIQUE INDEX escalations_open_per_session ON escalations (session_id) WHERE state IN ('waiting', 'staff')`,
      `CREATE INDEX escalations_queue ON escalations (team, state, priority, requested_at, id)`,
      `CREATE INDEX escalations_session ON escalations (session_id, id DESC)`,
      // Callback requests: the phone number is personal data, kept for staff only and never logged.
      `CREATE TABLE callback_requests (
         id text PRIMARY KEY,
         session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
         escalation_id bigint NOT NULL REFERENCES escalations(id) ON DELETE CASCADE,
         phone text NOT NULL,
         preferred_time text NOT NULL CHECK (preferred_time IN ('morning', 'afternoon', 'any')),
         message text CHECK (char_length(message) <= 1000),
         consent_at timestamptz NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         handled_at timestamptz,
         handled_by_name text
       )`,
      `CREATE INDEX callback_requests_open ON callback_requests (handled_at, created_at)`,
    ],
  },
  {
    id: 6,
    name: 'staff-accounts-sessions',
    statements: [
      // Staff, editors and admins. A local account has a password hash (scrypt, self-describing);
      // an account signed in through OpenID Connect has the provider's subject instead.
      `CREATE TABLE staff_accounts (
         id text PRIMARY KEY,
         username text NOT NULL UNIQUE,
         display_name text NOT NULL,
         roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['staff', 'editor', 'admin']::text[]),
         password_hash text,
         oidc_subject text UNIQUE,
         created_at timestamptz NOT NULL,
         updated_at timestamptz NOT NULL,
         disabled_at timestamptz
       )`,
      // Only the SHA-256 of a session token is stored: a copy of this table signs nobody in.
      `CREATE TABLE staff_sessions (
         token_hash text PRIMARY KEY,
         account_id text NOT NULL REFERENCES staff_accounts(id) ON DELETE CASCADE,
         created_at timestamptz NOT NULL,
         last_seen_at timestamptz NOT NULL,
         expires_at timestamptz NOT NULL,
         revoked_at timestamptz
       )`,
      `CREATE INDEX staff_sessions_account ON staff_sessions (account_id)`,
      // Failed sign-ins per typed username, known or not, so a lockout does not reveal which exist.
      `CREATE TABLE staff_login_failures (
         username text PRIMARY KEY,
         failures integer NOT NULL,
         locked_until timestamptz,
         updated_at timestamptz NOT NULL
       )`,
    ],
  },
  {
    id: 7,
    name: 'bot-conversations',
    statements: [
      // Bot Framework conversations and the chat session each belongs to: a citizen's Web Chat or
      // Direct Line conversation (one session per conversation), or the Teams thread under an
      // escalation's card, where a staff member's reply goes to that session's citizen.
      `CREATE TABLE bot_conversations (
         channel_id text NOT NULL,
         conversation_id text NOT NULL,
         purpose text NOT NULL CHECK (purpose IN ('citizen', 'staff-thread')),
         session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
         service_url text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (channel_id, conversation_id)
       )`,
      `CREATE INDEX bot_conversations_session ON bot_conversations (session_id, purpose)`,
      // Which session events were already carried to which conversation: every replica may listen to
      // a chat, and the one whose insert succeeds sends the message, once.
      `CREATE TABLE bot_relayed_events (
         channel_id text NOT NULL,
         conversation_id text NOT NULL,
         event_id bigint NOT NULL,
         session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
         relayed_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (channel_id, conversation_id, event_id)
       )`,
    ],
  },
  {
    id: 8,
    name: 'patient-sessions-appointment-imports',
    statements: [
      // A chat session bound to a patient by a verified login. The identifier stays in this table:
      // it is never copied into messages, events or logs. Deleting the chat deletes the binding.
      `CREATE TABLE patient_sessions (
         session_id text PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
         patient_identifier text NOT NULL,
         display_name text,
         protected_address boolean NOT NULL DEFAULT false,
         created_at timestamptz NOT NULL,
         last_seen_at timestamptz NOT NULL,
         expires_at timestamptz NOT NULL,
         revoked_at timestamptz
       )`,
      // When appointments were last imported: answers say "data as of" this time.
      `CREATE TABLE appointment_imports (
         id bigserial PRIMARY KEY,
         source text NOT NULL,
         appointments integer NOT NULL,
         finished_at timestamptz NOT NULL DEFAULT now()
       )`,
    ],
  },
  {
    id: 9,
    name: 'patient-login-attempts',
    statements: [
      // A patient login between the popup's start and the provider's callback (docs/adr/0010): the
      // state, nonce and PKCE verifier stay here, never in the browser; the callback deletes the row.
      `CREATE TABLE patient_login_attempts (
         state text PRIMARY KEY,
         session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
         opener_origin text NOT NULL,
         nonce text NOT NULL,
         code_verifier text NOT NULL,
         expires_at timestamptz NOT NULL
       )`,
    ],
  },
  {
    id: 10,
    name: 'eval-runs',
    statements: [
      // Stored evaluation runs (src/editor/eval-runs.ts): one row per run, metrics when it is done.
      // heartbeat_at moves with every question, so a run whose process died can be told from a slow one.
      `CREATE TABLE eval_runs (
         id text PRIMARY KEY,
         set_name text NOT NULL,
         status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
         error text,
         configuration jsonb NOT NULL,
         started_by text NOT NULL,
         started_at timestamptz NOT NULL,
         finished_at timestamptz,
         heartbeat_at timestamptz NOT NULL,
         total integer NOT NULL,
         done integer NOT NULL DEFAULT 0,
         failed integer NOT NULL DEFAULT 0,
         metrics jsonb,
         by_language jsonb NOT NULL DEFAULT '{}'::jsonb,
         by_kind jsonb NOT NULL DEFAULT '{}'::jsonb
       )`,
      `CREATE INDEX eval_runs_started ON eval_runs (started_at DESC)`,
      // One run at a time, across replicas and the CLI too.
      `CREATE UNIQUE INDEX eval_runs_one_running ON eval_runs (status) WHERE status = 'running'`,
      // One row per question of a run; question and answer texts are stored redacted.
      `CREATE TABLE eval_results (
         run_id text NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
         case_id text NOT NULL,
         position integer NOT NULL,
         language text NOT NULL,
         kind text NOT NULL,
         hospital text,
         question text NOT NULL,
         history jsonb NOT NULL DEFAULT '[]'::jsonb,
         expected jsonb NOT NULL,
         answer jsonb NOT NULL,
         retrieved jsonb NOT NULL,
         passed boolean NOT NULL,
         problems jsonb NOT NULL,
         missing_facts jsonb NOT NULL,
         PRIMARY KEY (run_id, case_id)
       )`,
      `CREATE INDEX eval_results_position ON eval_results (run_id, position)`,
      // An editor's own verdict on one answer of a run; giving it again replaces it.
      `CREATE TABLE eval_verdicts (
         run_id text NOT NULL,
         case_id text NOT NULL,
         verdict text NOT NULL CHECK (verdict IN ('right', 'partly', 'wrong')),
         note text,
         correct_source text,
         editor text NOT NULL,
         updated_at timestamptz NOT NULL,
         PRIMARY KEY (run_id, case_id),
         FOREIGN KEY (run_id, case_id) REFERENCES eval_results(run_id, case_id) ON DELETE CASCADE
       )`,
      // Editors' eval sets: questions taken from real conversations (redacted), in the eval-set format.
      `CREATE TABLE eval_cases (
         set_name text NOT NULL,
         case_id text NOT NULL,
         position bigserial,
         eval_case jsonb NOT NULL,
         source_message_id text,
         created_by text NOT NULL,
         created_at timestamptz NOT NULL,
         PRIMARY KEY (set_name, case_id)
       )`,
    ],
  },
  {
    id: 11,
    name: 'refusal-reasons-feedback-review',
    statements: [
      // Why the chatbot refused (no-source, low-confidence, medical-advice …): editors see which
      // questions no page answers. Refusals stored before this column have none.
      `ALTER TABLE messages ADD COLUMN refusal_reason text`,
      `CREATE INDEX messages_refusals ON messages (created_at) WHERE kind = 'refusal'`,
      // The editors' review queue of feedback: who marked it reviewed, and when (null: open).
      `ALTER TABLE feedback ADD COLUMN reviewed_at timestamptz`,
      `ALTER TABLE feedback ADD COLUMN reviewed_by text`,
    ],
  },
  {
    id: 12,
    name: 'answers-by-time',
    statements: [
      // The editors' "pages in the index" counts the answers of the last 90 days citing each page:
      // the bot's messages by time, without reading every citizen's message.
      `CREATE INDEX messages_assistant_created ON messages (created_at) WHERE role = 'assistant'`,
    ],
  },
];

/**
 * Brings the schema up to date. Safe to call from several processes at once: an advisory lock
 * serialises them and each migration commits together with its bookkeeping row.
 */
export async function migrate(database: Database): Promise<number[]> {
  return database.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727274)');
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).map((row) => row.id));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      applied.push(migration.id);
    }
    return applied;
  });
}
