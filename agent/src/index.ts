// The agent's building blocks, for tests and for scripts that drive the agent in-process.
// The CLI itself lives in cli.ts, which runs on import and is not exported.
export * from './config/paths.js';
export * from './config/schema.js';
export * from './config/load.js';
export * from './config/errors.js';
export * from './keys/key-file.js';
export * from './state/atomic-write.js';
export * from './state/state-file.js';
export * from './state/lock.js';
export * from './spool/names.js';
export * from './spool/spool.js';
export * from './transport/errors.js';
export * from './transport/http-post.js';
export * from './transport/collector-client.js';
export * from './schedule/plan.js';
export * from './schedule/daemon-loop.js';
export * from './commands/exit-codes.js';
export * from './commands/io.js';
export * from './commands/report.js';
export * from './commands/report-format.js';
export * from './commands/enroll.js';
export * from './commands/identity.js';
export * from './commands/status.js';
export * from './commands/scan.js';
export * from './commands/daemon.js';
export * from './commands/report-command.js';
