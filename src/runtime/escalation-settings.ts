// Reads ESCALATION_CONFIG (a JSON file) into EscalationSettings, checked field by field so a
// wrong opening time or an unknown team is named at start-up instead of misrouting chats later.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { defaultEscalationSettings, type EscalationSettings } from '../escalation/settings.js';

const time = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be "HH:MM" (24-hour clock)');
const ranges = z.array(z.object({ from: time, to: time }).strict());
const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

const settingsSchema = z
  .object({
    teams: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be lowercase letters, digits and dashes'),
            name: z.string().min(1),
            schedule: z
              .object({
                weekly: z.partialRecord(weekday, ranges),
                holidays: ranges.optional(),
                holidayOptions: z.object({ includeChristmasEve: z.boolean().optional(), includeNewYearsEve: z.boolean().optional() }).strict().optional(),
                timeZone: z.string().optional(),
              })
              .strict(),
            minutesPerChat: z.number().positive().max(240).default(4),
          })
          .strict(),
      )
      .min(1, 'must list at least one team'),
    defaultTeam: z.string(),
    hospitalTeams: z.record(z.string(), z.string()).default({}),
    topics: z.array(z.object({ id: z.string().min(1), phrases: z.array(z.string().min(1)).min(1), team: z.string().optional() }).strict()).default([]),
    cannedReplies: z.array(z.object({ id: z.string().min(1), title: z.string().min(1), text: z.string().min(1).max(4000) }).strict()).default([]),
    refusalsBeforeEscalation: z.number().int().min(1).max(10).default(2),
  })
  .strict();

/** Checks a settings object; the error names the path of each bad field. */
export function parseEscalationSettings(value: unknown, source = 'escalation settings'): EscalationSettings {
  const result = settingsSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new Error(`${source}: ${problems}`);
  }
  const settings = result.data as EscalationSettings;
  const teamIds = new Set(settings.teams.map((team) => team.id));
  const unknown = [
    ...(teamIds.has(settings.defaultTeam) ? [] : [`defaultTeam: no team "${settings.defaultTeam}"`]),
    ...Object.entries(settings.hospitalTeams).filter(([, team]) => !teamIds.has(team)).map(([hospital, team]) => `hospitalTeams.${hospital}: no team "${team}"`),
    ...settings.topics.filter((topic) => topic.team !== undefined && !teamIds.has(topic.team)).map((topic) => `topics.${topic.id}.team: no team "${topic.team}"`),
  ];
  if (unknown.length > 0) throw new Error(`${source}: ${unknown.join('; ')}`);
  return settings;
}

export async function loadEscalationSettings(path: string | undefined): Promise<EscalationSettings> {
  if (path === undefined) return defaultEscalationSettings;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`ESCALATION_CONFIG: cannot read ${path} (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`ESCALATION_CONFIG: ${path} is not valid JSON (${(error as Error).message})`);
  }
  return parseEscalationSettings(json, `ESCALATION_CONFIG ${path}`);
}
