import type { AccessTable } from './cases.js';
import { orgTable } from './table-org.js';
import { publicTable } from './table-public.js';
import { registryTable } from './table-registry.js';
import { sessionTable } from './table-session.js';
import { spotCheckTable } from './table-spotcheck.js';

/**
 * The access case of every route the collector registers, keyed `METHOD /path` as the
 * router names it. HEAD routes are Fastify's automatic twins of GET routes and are
 * tested with their GET case. route-coverage.test.ts fails when a registered route
 * has no case here, or a case names a route that no longer exists.
 */
export const ACCESS_TABLE: AccessTable = { ...publicTable, ...sessionTable, ...orgTable, ...registryTable, ...spotCheckTable };
