import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import the shared package from source so unit tests need no build;
// only the end-to-end tests run the built CLIs.
const alias = {
  '@zhengban/shared': fileURLToPath(new URL('./shared/src/index.ts', import.meta.url)),
};
// One throwaway PostgreSQL cluster for the run, started only when a project that lists
// it has tests to run; see collector/test/support/pg.ts for how a test gets a database.
const pgSetup = fileURLToPath(new URL('./collector/test/support/pg-global-setup.ts', import.meta.url));

export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'shared', root: './shared', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
      { resolve: { alias }, test: { name: 'agent', root: './agent', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
      { resolve: { alias }, test: { name: 'collector', root: './collector', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], globalSetup: [pgSetup] } },
      { resolve: { alias }, test: { name: 'e2e', root: './test', include: ['**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, globalSetup: [pgSetup] } },
    ],
  },
});
