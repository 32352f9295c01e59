// Danish labels and formats of the staff console: pure functions, so they are tested without a browser.
import type { EscalationReason } from '../../src/escalation/types.js';

export const languageNames: Record<string, string> = { da: 'Dansk', en: 'Engelsk', de: 'Tysk', ar: 'Arabisk', uk: 'Ukrainsk' };

export const reasonLabels: Record<EscalationReason, string> = {
  citizen: 'Bad om en medarbejder',
  emergency: 'Mulig akut situation',
  refusals: 'Chatbotten kunne ikke svare',
  feedback: 'Utilfreds med svaret',
  topic: 'Emne for en medarbejder',
};

/** The outcomes the server accepts when a chat is closed, with what staff read. */
export const outcomeLabels = [
  ['answered', 'Besvaret'],
  ['callback-booked', 'Aftalt at ringe op'],
  ['referred', 'Henvist videre'],
  ['no-response', 'Borgeren svarede ikke'],
  ['other', 'Andet'],
] as const;

export const preferredTimeLabels: Record<string, string> = { morning: 'Formiddag', afternoon: 'Eftermiddag', any: 'Når som helst' };

export const roleLabels: Record<string, string> = { user: 'Borger', assistant: 'Chatbot', staff: 'Medarbejder', system: 'System' };

export function languageName(code: string): string {
  return languageNames[code] ?? code;
}

export function reasonLabel(reason: string): string {
  return (reasonLabels as Record<string, string>)[reason] ?? reason;
}

/** "patientservice" → "Patientservice": team ids are lower-case names. */
export function teamName(id: string): string {
  return id.length === 0 ? id : id[0]!.toUpperCase() + id.slice(1).replace(/-/g, ' ');
}

/** How long someone has waited, in plain Danish: "under 1 min", "4 min", "1 t 5 min". */
export function waitingTime(since: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - new Date(since).getTime()) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return 'under 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} t` : `${hours} t ${rest} min`;
}

const copenhagen = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function parts(date: Date): Record<string, string> {
  return Object.fromEntries(copenhagen.formatToParts(date).map((part) => [part.type, part.value]));
}

/** Clock time in Copenhagen ("14.05"), with the date when it is not today ("24.11. 14.05"). */
export function clock(iso: string, now: Date): string {
  const at = parts(new Date(iso));
  const today = parts(now);
  const time = `${at['hour']}.${at['minute']}`;
  if (at['year'] === today['year'] && at['month'] === today['month'] && at['day'] === today['day']) return time;
  return `${at['day']}.${at['month']}. ${time}`;
}

/** Server messages for a failed sign-in, in Danish. */
export function signInError(status: number, retryAfterSeconds: number | null): string {
  if (status === 401) return 'Forkert brugernavn eller adgangskode.';
  if (status === 429) {
    const minutes = Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60));
    return `For mange forkerte forsøg. Prøv igen om ${minutes} ${minutes === 1 ? 'minut' : 'minutter'}.`;
  }
  if (status === 403) return 'Kontoen er spærret, eller siden er åbnet fra en forkert adresse. Spørg en administrator.';
  return 'Du kunne ikke logges ind lige nu. Prøv igen om lidt.';
}

/** Who has the chat, as a status line. */
export function chatStateText(state: string, staffName: string | undefined, mine: boolean): string {
  switch (state) {
    case 'waiting':
      return 'Venter på en medarbejder';
    case 'staff':
      return mine ? 'Du har samtalen' : `${staffName ?? 'En anden medarbejder'} har samtalen`;
    case 'closed':
      return 'Samtalen er afsluttet';
    default:
      return 'Chatbotten svarer';
  }
}
