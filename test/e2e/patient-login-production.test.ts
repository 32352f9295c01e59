// The dev-only demo login provider is refused in production: `npm start` with NODE_ENV=production and
// no PATIENT_OIDC_ISSUER stops at start-up with a message naming the variable, instead of letting
// anyone log in as anyone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../support/server-process.js';

describe('patient login in production configuration', () => {
  it('refuses to start without a real issuer, naming PATIENT_OIDC_ISSUER', async () => {
    const dataDirectory = await mkdtemp(join(tmpdir(), 'hospital-help-production-'));
    try {
      const failure = await startServer({ DATA_DIR: dataDirectory, NODE_ENV: 'production' }, 60_000).then(
        async (server) => {
          await server.stop();
          return 'started';
        },
        (error: Error) => error.message,
      );
      expect(failure).toMatch(/server exited with 2/);
      expect(failure).toMatch(/PATIENT_OIDC_ISSUER: required when NODE_ENV=production: the built-in demo login provider is for development only/);
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  }, 90_000);
});
