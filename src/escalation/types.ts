// The escalation contract: what the citizen's widget, the staff console and the staff channels
// (Teams) see of a chat that a person takes over. Types only; the service lives beside it.
import type { SupportedLanguage } from '../language/languages.js';

/** Why a chat went to a person. */
export type EscalationReason = 'citizen' | 'emergency' | 'refusals' | 'feedback' | 'topic';

/**
 * Where a chat stands, as the citizen's widget shows it. Sent in `GET|POST|DELETE
 * /api/sessions/{id}/escalation` responses and as the payload `{ escalation }` of every
 * `session-state` event on `GET /api/sessions/{id}/events`.
 *
 * - `bot`: the chatbot answers (no escalation, or the person handed the chat back).
 * - `waiting`: in the queue; the chatbot still answers meanwhile. Inside opening hours the citizen
 *   sees `queuePosition` and `expectedWaitMinutes`; outside them `open` is false, `opensAt` says
 *   when someone answers, and the widget offers a callback request or a message.
 * - `staff`: a person has the chat (`staffName`); the chatbot is silent.
 * - `closed`: the person closed the chat with an outcome; the citizen may start again.
 */
export interface EscalationStatus {
  state: 'bot' | 'waiting' | 'staff' | 'closed';
  reason?: EscalationReason;
  /** The team that answers (id from configuration), e.g. "patientservice". */
  team?: string;
  /** Whether the team is inside its opening hours now. */
  open: boolean;
  /** 1 = next in line; only while waiting inside opening hours. */
  queuePosition?: number;
  expectedWaitMinutes?: number;
  /** ISO time the team next opens; set when closed. */
  opensAt?: string;
  /** A first name or a role ("Mette", "Sygeplejerske"); only while a person has the chat. */
  staffName?: string;
  /** Set after a person left: who it was, so the widget can say "Mette has left the chat". */
  previousStaffName?: string;
  /** True once the citizen sent a callback request for this escalation. */
  callbackRequested?: boolean;
}

/** What the citizen sends to ask for a call back (outside opening hours, or instead of waiting). */
export interface CallbackRequestInput {
  /** Danish or international phone number, as typed. */
  phone: string;
  /** When the citizen prefers to be called, e.g. "morning" | "afternoon" | "any". */
  preferredTime: 'morning' | 'afternoon' | 'any';
  /** Must be true: the citizen agrees to be called and to staff reading the chat. */
  consent: boolean;
  /** Optional message for staff. */
  message?: string;
}

/** The handoff summary staff see when they open an escalated chat (personal identifiers redacted). */
export interface HandoffSummary {
  language: SupportedLanguage;
  reason: EscalationReason;
  emergencyFlagged: boolean;
  /** The citizen's questions, redacted, oldest first (at most the last few). */
  questions: string[];
  /** What the bot answered last, redacted, with the titles/URLs it cited. */
  lastAnswer?: { text: string; kind: string; sources: { title: string; url: string }[] };
  /** A few sentences for a person in a hurry. */
  text: string;
  /** 'model' when a configured chat model wrote `text`, else 'extractive'. */
  madeBy: 'model' | 'extractive';
}

/** One queued or active escalation, as the staff console and Teams see it. */
export interface EscalationForStaff {
  sessionId: string;
  state: EscalationStatus['state'];
  reason: EscalationReason;
  team: string;
  /** 0 = emergency-flagged (first), 1 = normal. */
  priority: number;
  hospital: string | null;
  language: SupportedLanguage;
  requestedAt: string;
  claimedBy?: { id: string; name: string };
  summary: HandoffSummary;
}

/**
 * A staff channel besides the console (Microsoft Teams through Bot Framework). The escalation
 * service calls `announce` after an escalation is stored; failures are logged, never shown to
 * the citizen, and never lose the escalation (the console always has it).
 */
export interface StaffChannel {
  readonly name: string;
  announce(escalation: EscalationForStaff, links: { takeOver: string }): Promise<void>;
}

/** A staff member as the escalation service needs them (from the staff sign-in, or a Teams user). */
export interface StaffIdentity {
  id: string;
  /** Shown to the citizen: a first name or a role. */
  displayName: string;
}

/** What the staff console and staff channels can do with a chat. Implemented by EscalationService. */
export interface StaffActions {
  /** Atomic: resolves for exactly one of two staff claiming the same chat; the other gets a 409 AppError('conflict'). */
  takeOver(sessionId: string, staff: StaffIdentity): Promise<EscalationStatus>;
  /** Stores the message (role 'staff'), then announces it to the citizen. Only the staff member who has the chat may write. */
  postStaffMessage(sessionId: string, staff: StaffIdentity, text: string): Promise<void>;
  /** Back to the chatbot; the citizen is told the person left. */
  handBack(sessionId: string, staff: StaffIdentity): Promise<EscalationStatus>;
  /** Ends the chat with an outcome ("answered", "callback-booked", "referred", "no-response", …). */
  close(sessionId: string, staff: StaffIdentity, outcome: string): Promise<EscalationStatus>;
}
