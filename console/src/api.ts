// The console's calls to the staff API: same origin, the session cookie, JSON in and out. Errors come
// back as ApiError with the server's code and message; a 401 means the sign-in ended.
import type { ChatMessage } from '../../src/chat/message-store.js';
import type { EscalationForStaff, EscalationStatus } from '../../src/escalation/types.js';

export type { ChatMessage, EscalationForStaff, EscalationStatus };

export interface Staff {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
}

export interface ChatView {
  escalation: EscalationForStaff | null;
  status: EscalationStatus;
  messages: ChatMessage[];
}

export interface Callback {
  id: string;
  sessionId: string;
  phone: string;
  preferredTime: string;
  message: string | null;
  createdAt: string;
  handledAt: string | null;
  handledBy: string | null;
  language: string;
  hospital: string | null;
  summary: EscalationForStaff['summary'];
}

export interface CannedReply {
  id: string;
  title: string;
  text: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** One JSON request to this server with the session cookie; a non-2xx answer becomes an ApiError. */
export async function call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'unavailable', 'Ingen forbindelse til serveren. Tjek netværket, og prøv igen.');
  }
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(
      response.status,
      payload?.error?.code ?? 'internal',
      payload?.error?.message ?? `Serveren svarede ${response.status}.`,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
  return payload as T;
}

const chatPath = (id: string) => `/api/staff/chats/${encodeURIComponent(id)}`;

export const api = {
  me: () => call<Staff>('GET', '/api/staff/me'),
  login: (username: string, password: string) => call<{ staff: Staff }>('POST', '/api/staff/login', { username, password }),
  logout: () => call<void>('POST', '/api/staff/logout'),
  queue: () => call<{ items: EscalationForStaff[] }>('GET', '/api/staff/queue'),
  chat: (id: string) => call<ChatView>('GET', chatPath(id)),
  takeOver: (id: string) => call<{ escalation: EscalationStatus }>('POST', `${chatPath(id)}/take-over`),
  send: (id: string, text: string) => call<{ message: ChatMessage }>('POST', `${chatPath(id)}/messages`, { text }),
  handBack: (id: string) => call<{ escalation: EscalationStatus }>('POST', `${chatPath(id)}/hand-back`),
  close: (id: string, outcome: string) => call<{ escalation: EscalationStatus }>('POST', `${chatPath(id)}/close`, { outcome }),
  callbacks: (offset: number) => call<{ items: Callback[]; nextOffset: number | null }>('GET', `/api/staff/callbacks?handled=false&limit=50&offset=${offset}`),
  callbackHandled: (id: string) => call<{ ok: true }>('POST', `/api/staff/callbacks/${encodeURIComponent(id)}/handled`),
  cannedReplies: () => call<{ items: CannedReply[] }>('GET', '/api/staff/canned-replies'),
};
