import { describe, expect, it } from 'vitest';
import { defaultEscalationSettings } from '../escalation/settings.js';
import { parseEscalationSettings } from './escalation-settings.js';

const team = { id: 'akut-info', name: 'Akut information', schedule: { weekly: { saturday: [{ from: '09:00', to: '13:00' }] }, holidays: [] } };

describe('ESCALATION_CONFIG', () => {
  it('accepts a full file and fills in the defaults', () => {
    const settings = parseEscalationSettings({ teams: [team], defaultTeam: 'akut-info' });
    expect(settings.teams[0]).toMatchObject({ id: 'akut-info', minutesPerChat: 4 });
    expect(settings).toMatchObject({ hospitalTeams: {}, topics: [], cannedReplies: [], refusalsBeforeEscalation: 2 });
  });

  it('the defaults themselves pass the check', () => {
    expect(parseEscalationSettings(JSON.parse(JSON.stringify(defaultEscalationSettings)))).toEqual(defaultEscalationSettings);
  });

  it('names every bad field', () => {
    const bad = { teams: [{ ...team, schedule: { weekly: { saturday: [{ from: '9', to: '13:00' }] } } }], defaultTeam: 'akut-info', refusalsBeforeEscalation: 0 };
    expect(() => parseEscalationSettings(bad)).toThrow(/teams\.0\.schedule\.weekly\.saturday\.0\.from: must be "HH:MM".*refusalsBeforeEscalation/);
  });

  it('names a team that does not exist', () => {
    expect(() => parseEscalationSettings({ teams: [team], defaultTeam: 'akut-info', hospitalTeams: { fjordby: 'nobody' } })).toThrow(
      /hospitalTeams\.fjordby: no team "nobody"/,
    );
    expect(() => parseEscalationSettings({ teams: [team], defaultTeam: 'x' })).toThrow(/defaultTeam: no team "x"/);
  });
});
