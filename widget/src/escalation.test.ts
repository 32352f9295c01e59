import { describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import { announcement, fieldErrorsFromServer, formatOpensAt, modeOf, queueText, validateCallback, type CallbackDraft } from './escalation.js';
import { escalationStrings } from './i18n.js';
import type { EscalationStatus } from './types.js';

const da = escalationStrings.da;
const waiting = (queuePosition: number, expectedWaitMinutes: number): EscalationStatus => ({ state: 'waiting', open: true, queuePosition, expectedWaitMinutes });
const afterHours: EscalationStatus = { state: 'waiting', open: false, opensAt: '2026-11-27T07:00:00.000Z' };
const draft = (overrides: Partial<CallbackDraft> = {}): CallbackDraft => ({ phone: '12 34 56 78', preferredTime: 'any', consent: true, message: '', ...overrides });

describe('what the citizen is told while waiting', () => {
  it('names the place in the queue and the expected wait, saying "next" for the first in line', () => {
    expect(queueText(waiting(2, 6), da, 'da')).toBe('Du er nummer 2 i køen. Det tager cirka 6 minutter.');
    expect(queueText(waiting(1, 1), da, 'da')).toBe('Du er den næste i køen. Det tager cirka 1 minut.');
    expect(queueText(waiting(3, 4), escalationStrings.en, 'en')).toBe('You are number 3 in line. It takes about 4 minutes.');
  });

  it('says when someone answers in Danish time and in the widget language (winter and summer time)', () => {
    expect(formatOpensAt('2026-11-27T07:00:00.000Z', 'da')).toBe('fredag 27. november kl. 08.00');
    expect(formatOpensAt('2026-06-29T06:00:00.000Z', 'da')).toBe('mandag 29. juni kl. 08.00');
    expect(formatOpensAt('2026-11-27T07:00:00.000Z', 'de')).toBe('Freitag, 27. November um 08:00');
    expect(formatOpensAt('not a time', 'da')).toBeUndefined();
    expect(formatOpensAt(undefined, 'da')).toBeUndefined();
  });
});

describe('status changes read out once', () => {
  const bot: EscalationStatus = { state: 'bot', open: true };
  const mette: EscalationStatus = { state: 'staff', open: true, staffName: 'Mette' };

  it('announces each new state, and in the queue only the new place', () => {
    expect(announcement(bot, waiting(2, 6), da, 'da')).toBe('Du venter på en medarbejder. Du er nummer 2 i køen. Det tager cirka 6 minutter.');
    expect(announcement(waiting(2, 6), waiting(1, 2), da, 'da')).toBe('Du er den næste i køen. Det tager cirka 2 minutter.');
    expect(announcement(waiting(1, 2), mette, da, 'da')).toBe('Du skriver nu med Mette');
    expect(announcement(mette, { ...mette, staffName: 'Sygeplejerske' }, da, 'da')).toBe('Du skriver nu med Sygeplejerske');
    expect(announcement(waiting(1, 2), { state: 'staff', open: true }, da, 'da')).toBe('Du skriver nu med en medarbejder');
    expect(announcement(mette, { state: 'bot', open: true, previousStaffName: 'Mette' }, da, 'da')).toBe('Mette har forladt samtalen — chatbotten svarer igen');
    expect(announcement(bot, afterHours, da, 'da')).toBe('Der er ingen medarbejdere lige nu. En medarbejder kan svare igen fredag 27. november kl. 08.00.');
    expect(announcement(afterHours, { ...afterHours, callbackRequested: true }, da, 'da')).toBe('Tak. Vi ringer til dig, når vi har åbent.');
    expect(announcement(waiting(1, 2), bot, da, 'da')).toBe('Du venter ikke længere. Chatbotten svarer dig.');
    expect(announcement(mette, { state: 'closed', open: true }, da, 'da')).toBe(da.closed);
  });

  it('says nothing when the stream repeats the status it already showed (after a reconnect)', () => {
    for (const status of [waiting(2, 6), afterHours, mette, { state: 'closed', open: true } as EscalationStatus, bot]) expect(announcement(status, { ...status }, da, 'da')).toBe('');
  });

  it('tells the layouts apart', () => {
    expect(modeOf(waiting(1, 1))).toBe('queue');
    expect(modeOf(afterHours)).toBe('after-hours');
    expect(modeOf({ ...afterHours, callbackRequested: true })).toBe('callback-requested');
    expect(modeOf({ state: 'bot', open: true, previousStaffName: 'Mette' })).toBe('left');
    expect(modeOf({ state: 'bot', open: true })).toBe('bot');
  });
});

describe('the callback form', () => {
  it('accepts Danish and international numbers written with spaces, dashes or brackets', () => {
    for (const phone of ['12345678', '12 34 56 78', '+45 12 34 56 78', '(+49) 30-1234567']) expect(validateCallback(draft({ phone }))).toEqual({});
  });

  it('names each field that is missing or wrong', () => {
    expect(validateCallback(draft({ phone: '  ', consent: false, preferredTime: '' }))).toEqual({ phone: 'phoneMissing', consent: 'consentMissing', preferredTime: 'timeMissing' });
    expect(validateCallback(draft({ phone: '1234' }))).toEqual({ phone: 'phoneInvalid' });
    expect(validateCallback(draft({ phone: 'ring mig' }))).toEqual({ phone: 'phoneInvalid' });
    expect(validateCallback(draft({ message: 'x'.repeat(1001) }))).toEqual({ message: 'messageInvalid' });
  });

  it("reads the fields a server 400 names, and nothing from other errors", () => {
    const refused = new ApiError('invalid_request', 'phone: Invalid phone number; consent: Invalid input: expected true', 400);
    expect(fieldErrorsFromServer(refused)).toEqual({ phone: 'phoneInvalid', consent: 'consentMissing' });
    expect(fieldErrorsFromServer(new ApiError('invalid_request', 'body: Invalid JSON', 400))).toEqual({});
    expect(fieldErrorsFromServer(new ApiError('unavailable', 'phone: down', 503))).toEqual({});
  });
});
