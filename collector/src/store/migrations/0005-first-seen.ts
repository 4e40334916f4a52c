import type { Migration } from './migration.js';

/**
 * A machine first seen after every other comes last in every seat queue, and ingest
 * allocates its seats for it alone (allocateLast). Telling that it is the last seen
 * must not scan the fleet.
 */
export const firstSeen: Migration = {
  version: 5,
  name: 'first-seen',
  sql: 'CREATE INDEX agents_first_seen ON agents(first_seen);',
};
