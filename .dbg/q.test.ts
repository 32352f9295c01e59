import { it } from 'vitest';
import { testRuntime } from '../test/support/runtime.js';
it('dbg', async () => {
  const rt = await testRuntime({ now: () => new Date('2026-11-25T09:00:00Z') });
  const a = (await rt.chat.createSession({ hospital: 'fjordby', language: 'da' })).id;
  const u = (await rt.chat.createSession({ hospital: 'fjordby', language: 'da' })).id;
  await rt.escalations.request(a, 'citizen');
  await rt.escalations.request(u, 'emergency');
  console.log(await rt.database.query('SELECT id, session_id, state, priority, requested_at FROM escalations'));
  await rt.escalations.takeOver(u, { id: 'm', displayName: 'M' });
  console.log(await rt.database.query('SELECT id, session_id, state, priority, requested_at FROM escalations'));
  console.log((await rt.chat.eventsSince(a, undefined)).map((e) => JSON.stringify(e.payload)));
  console.log(await rt.escalations.status(a));
}, 60000);
