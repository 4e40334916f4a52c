import { Option } from 'commander';
import { DEFAULT_DB } from './io.js';

export const dbOption = () => new Option('--db <file>', 'SQLite database file (its folder is created)').default(DEFAULT_DB);
