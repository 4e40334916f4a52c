import { Option } from 'commander';
import { DEFAULT_DB } from './io.js';

/** `--db`: a SQLite file, this collector's alone, or a postgres:// URL that several collectors share. */
export const dbOption = () =>
  new Option('--db <file|url>', 'SQLite database file (its folder is created), or postgres://user:password@host/database').env('ZHENGBAN_DB').default(DEFAULT_DB);
