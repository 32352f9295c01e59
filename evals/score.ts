// The scorer lives in the core (src/editor/score.ts) so the server's stored eval runs and this CLI
// score alike; re-exported here for the CLI and its tests.
export * from '../src/editor/score.js';
