import type { Migration } from './migration.js';

/**
 * The national annual report counts a department's own office (机关本级) apart from the
 * public institutions directly under it (直属事业单位), and the campaign also reaches
 * state enterprises. Each unit may say which it is; NULL: not said, counted with the
 * offices, as the campaign's first scope is government offices.
 */
export const unitSector: Migration = {
  version: 10,
  name: 'unit-sector',
  sql: `ALTER TABLE units ADD COLUMN sector TEXT CHECK (sector IS NULL OR sector IN ('organ', 'institution', 'enterprise'));`,
};
