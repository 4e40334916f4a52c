import type { Migration } from './migration.js';

/**
 * Browser sign-in sessions (issue 14). A session stands for the API token it was
 * signed in with: its rows go with the token's, and every request checks the token
 * again. Only the SHA-256 of the session id is kept, so a copy of the database signs
 * nobody in. The CSRF token is kept as it is: the dashboard reads it again after a
 * reload, and without the cookie it is worth nothing.
 */
export const sessions: Migration = {
  version: 11,
  name: 'sessions',
  sql: `
CREATE TABLE sessions (
  id             INTEGER PRIMARY KEY,
  session_hash   TEXT NOT NULL UNIQUE,
  admin_token_id INTEGER NOT NULL REFERENCES admin_tokens(id) ON DELETE CASCADE,
  csrf_token     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  expires_at     TEXT NOT NULL
);
CREATE INDEX sessions_token ON sessions(admin_token_id);
CREATE INDEX sessions_expires ON sessions(expires_at);`,
};
