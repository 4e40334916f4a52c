import { Command, CommanderError, Option } from 'commander';
import { ZhengbanError } from '@zhengban/shared';
import { enrollmentCreate, enrollmentList } from './commands/enrollment.js';
import type { Io } from './commands/io.js';
import { DEFAULT_PORT, serve } from './commands/serve.js';
import { tokenCreate, tokenList } from './commands/token.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerImportCommands } from './commands/import.js';
import { registerKitCommands } from './commands/kit.js';
import { registerCatalogCommands } from './commands/catalog.js';
import { registerLicenseCommands } from './commands/license.js';
import { registerListCommands } from './commands/list.js';
import { registerMachineCommands } from './commands/machine.js';
import { registerMigrateCommands } from './commands/migrate.js';
import { dbOption } from './commands/options.js';
import { registerPersonCommands } from './commands/person.js';
import { registerReportCommands } from './commands/report.js';
import { registerSpotcheckCommands } from './commands/spotcheck.js';
import { registerUnitCommands } from './commands/unit.js';
import { registerVerdictCommands } from './commands/verdict.js';

/** The command tree. Actions receive parsed strings; the command functions check them. */
export function createProgram(io: Io, env: NodeJS.ProcessEnv): Command {
  const program = new Command('zhengban-collector')
    .description('Receives signed snapshots from zhengban agents, judges them and answers inspectors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('serve')
    .description('run the HTTP(S) collector')
    .addOption(dbOption())
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on; 0 picks a free one', String(DEFAULT_PORT))
    .option('--tls-cert <file>', 'PEM certificate; serve HTTPS (with --tls-key)')
    .option('--tls-key <file>', 'PEM private key of the certificate')
    .option('--stale-after <hours>', 'a machine not heard from for this long is stale', '48')
    .option('--auth-failures <n>', 'failed authentications a client address may make a minute before it is answered 429', '20')
    .option('--intake-workers <n>', 'worker threads that verify and read snapshots (0: in the server thread; default: cores - 1, at least 1)')
    .option('--keep-snapshots <days>', 'days a snapshot keeps its signed text once nothing points at it (retention)', '30')
    .option('--trusted-kms <host...>', 'KMS hosts of the organisation, trusted for volume activation')
    .option('--db-pool <n>', 'with a postgres:// --db: connections this collector keeps open at most', '10')
    .option('--trust-proxy <address...>', 'load balancers in front (nginx): their X-Forwarded-For names the client')
    .addOption(new Option('--log-level <level>', 'pino log level (logs go to stderr)').default(env.ZHENGBAN_LOG_LEVEL ?? 'info'))
    .action(async (o) => {
      await serve(o, io);
    });

  const enrollment = program.command('enrollment').description('enrollment tokens that let agents join a unit');
  enrollment
    .command('create')
    .description('create an enrollment token (prints it once, on the last line)')
    .addOption(dbOption())
    .requiredOption('--unit <name>', 'unit the enrolled machines belong to (created if missing)')
    .option('--expires <duration>', 'lifetime such as 7d, 12h or 30m (default 7d; 30d with --offline)')
    .option('--max-uses <n>', 'how many agents may enroll with it (default unlimited)')
    .option('--offline <file>', 'for PCs with no route: write the token into this file (agent: enroll --offline FILE); default lifetime 30d')
    .option('--network <name>', 'with --offline: the air-gapped network these PCs are on (imports list its machines not seen)')
    .action((o) => enrollmentCreate(o, io));
  enrollment.command('list').description('list enrollment tokens (no secrets)').addOption(dbOption()).action((o) => enrollmentList(o, io));

  const token = program.command('token').description('bearer tokens for the admin HTTP API');
  token
    .command('create')
    .description('create an admin API token (prints it once, on the last line)')
    .addOption(dbOption())
    .addOption(new Option('--role <role>', 'admin sees everything, viewer one unit').choices(['admin', 'viewer']).makeOptionMandatory())
    .option('--unit <name>', 'the unit a viewer sees (required for viewer)')
    .action((o) => tokenCreate(o, io));
  token.command('list').description('list admin tokens (no secrets)').addOption(dbOption()).action((o) => tokenList(o, io));

  for (const register of [
    registerUnitCommands,
    registerPersonCommands,
    registerMachineCommands,
    registerLicenseCommands,
    registerListCommands,
    registerCatalogCommands,
    registerVerdictCommands,
    registerAuditCommands,
    registerReportCommands,
    registerSpotcheckCommands,
    registerBackupCommands,
    registerMigrateCommands,
    registerImportCommands,
    registerKitCommands,
  ]) {
    register(program, io);
  }

  return program;
}

/** Runs one command line; resolves with the exit code (serve resolves once listening). */
export async function runCli(args: string[], io: Io, env: NodeJS.ProcessEnv = {}): Promise<number> {
  const program = createProgram(io, env);
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    const message = err instanceof ZhengbanError || err instanceof Error ? err.message : String(err);
    io.err(`zhengban-collector: ${message}`);
    return err instanceof ZhengbanError && err.code === 'E_USAGE' ? 2 : 1;
  }
}

/** Entry point of bin/zhengban-collector.js: the only reader of argv and env. */
export async function run(): Promise<void> {
  const io: Io = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  process.exitCode = await runCli(process.argv.slice(2), io, process.env);
}
