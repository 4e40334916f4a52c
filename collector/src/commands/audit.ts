// STUB: replaced by its owner.
import type { Command } from 'commander';
import type { Io } from './io.js';

export function registerAuditCommands(_program: Command, _io: Io): void {}
