/** Where a command writes; the CLI passes stdout and stderr, tests pass arrays. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const DEFAULT_DB = './data/zhengban.db';
