// Who answers escalated chats, when, and how: teams with opening hours (Danish public holidays
// closed unless a team says otherwise), which hospital goes to which team, topics that always go to
// a person, and the canned replies staff pick from. Plain data: the runtime reads it from a JSON
// file (ESCALATION_CONFIG) and falls back to these defaults.
import { COPENHAGEN, type OpeningSchedule } from '../calendar/opening-hours.js';
import type { EscalationTopic } from './triggers.js';

export interface EscalationTeam {
  id: string;
  /** Shown to staff ("Patientservice"). */
  name: string;
  schedule: OpeningSchedule;
  /** Minutes one chat usually takes a person: expected wait = place in queue x this. */
  minutesPerChat: number;
}

export interface CannedReply {
  id: string;
  title: string;
  text: string;
}

export interface EscalationSettings {
  teams: readonly EscalationTeam[];
  /** Team for chats whose hospital has no team of its own. */
  defaultTeam: string;
  /** Hospital id → team id. */
  hospitalTeams: Readonly<Record<string, string>>;
  topics: readonly EscalationTopic[];
  cannedReplies: readonly CannedReply[];
  /** Refusals in a row before the chat is offered to a person (default 2). */
  refusalsBeforeEscalation: number;
}

const weekdays = (from: string, to: string) => ({
  monday: [{ from, to }],
  tuesday: [{ from, to }],
  wednesday: [{ from, to }],
  thursday: [{ from, to }],
  friday: [{ from, to }],
});

export const defaultEscalationSettings: EscalationSettings = {
  teams: [
    {
      id: 'patientservice',
      name: 'Patientservice',
      // Weekdays 8–15, closed at weekends and on public holidays (Easter, Ascension, Whit Monday …).
      schedule: { weekly: weekdays('08:00', '15:00'), timeZone: COPENHAGEN },
      minutesPerChat: 4,
    },
  ],
  defaultTeam: 'patientservice',
  hospitalTeams: {},
  topics: [
    { id: 'complaint', phrases: ['klage*', 'complain*|complaint*', 'beschwerde*|beschweren', 'скарг*', '*شكو*'] },
    { id: 'records', phrases: ['aktindsigt', 'journal kopi*|udskrift*', 'copy medical records', 'patientenakte*'] },
  ],
  cannedReplies: [
    { id: 'hello', title: 'Goddag', text: 'Hej, du skriver nu med en medarbejder fra hospitalet. Hvad kan jeg hjælpe dig med?' },
    { id: 'moment', title: 'Et øjeblik', text: 'Et øjeblik, jeg undersøger det for dig.' },
    { id: 'call', title: 'Ring til os', text: 'Det er lettest at klare over telefonen. Ring til hospitalets hovednummer, så hjælper vi dig videre.' },
    { id: 'bye', title: 'Afslut', text: 'Tak for din henvendelse. Du kan altid skrive igen, hvis der er mere.' },
  ],
  refusalsBeforeEscalation: 2,
};

/** The team that answers a chat from `hospital` (or about `topic`). */
export function teamFor(settings: EscalationSettings, hospital: string | null, topic?: EscalationTopic): EscalationTeam {
  const id = topic?.team ?? (hospital !== null ? settings.hospitalTeams[hospital] : undefined) ?? settings.defaultTeam;
  const team = settings.teams.find((candidate) => candidate.id === id) ?? settings.teams.find((candidate) => candidate.id === settings.defaultTeam);
  if (team === undefined) throw new Error(`Escalation settings: no team "${id}" and no default team "${settings.defaultTeam}".`);
  return team;
}
