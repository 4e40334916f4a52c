import type { Migration } from './migration.js';

/**
 * Outcomes are stored per machine and product (`WHERE agent_id = ? AND product_id = ?`);
 * with only the product index SQLite walked every install of the product for each one,
 * which made a fleet-wide re-judge quadratic (36 of 40 s at 10,000 machines).
 */
export const installLookup: Migration = {
  version: 3,
  name: 'install-lookup',
  sql: 'CREATE INDEX machine_installs_agent_product ON machine_installs(agent_id, product_id);',
};
