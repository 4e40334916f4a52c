import type { Migration } from './migration.js';

/**
 * Enrollment refuses a public key that is already enrolled (one key, one machine); the
 * check runs in every enrollment and must not scan the fleet. Not unique: a database
 * from before the rule may already hold a key twice, and the migration must not fail on it.
 */
export const enrolledKeys: Migration = {
  version: 6,
  name: 'enrolled-keys',
  sql: 'CREATE INDEX agents_public_key ON agents(public_key);',
};
