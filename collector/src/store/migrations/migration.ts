/** A numbered, forward-only schema step. Never edit one that has landed: add the next. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
