// Retention of chat transcripts: a conversation nobody has written in for the retention period is
// deleted with everything that hangs on it (messages, events, feedback, escalations, callback
// requests, the patient login): the foreign keys cascade.
import type { Database } from '../db/database.js';

/** Days a transcript is kept after its last message when nothing else is configured. */
export const defaultTranscriptRetentionDays = 30;

/**
 * Deletes the chat sessions whose last activity (start, message or event) is older than
 * `retentionDays` before `now`. Returns how many were deleted; ids are not returned, so a caller
 * cannot log them by accident.
 *
 * @example
 * const { sessions } = await purgeTranscripts(database, { retentionDays: 30, now: new Date() });
 */
export async function purgeTranscripts(database: Database, options: { retentionDays: number; now: Date }): Promise<{ sessions: number }> {
  if (!Number.isFinite(options.retentionDays) || options.retentionDays < 1) throw new Error(`retentionDays must be at least 1 (got ${options.retentionDays})`);
  const cutoff = new Date(options.now.getTime() - options.retentionDays * 24 * 3600_000);
  const rows = await database.query<{ id: string }>(
    `DELETE FROM sessions s
      WHERE s.created_at < $1
        AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.session_id = s.id AND m.created_at >= $1)
        AND NOT EXISTS (SELECT 1 FROM session_events e WHERE e.session_id = s.id AND e.created_at >= $1)
      RETURNING s.id`,
    [cutoff],
  );
  return { sessions: rows.length };
}
