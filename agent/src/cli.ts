import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { EXIT, exitCodeFor } from './commands/exit-codes.js';
import type { Io } from './commands/io.js';
import { CHECKOUT_AGENT_CONFIG, defaultPaths, resolveConfigLocation, type ConfigLocation, type PathEnv } from './config/paths.js';
import { AGENT_VERSION } from './version.js';

/*
 * The only reader of argv and process.env. Command modules are imported inside their
 * actions: `scan --json` must not pay for the shared package, TypeBox, node-cron or
 * the HTTP stack it never uses.
 */

const io: Io = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

/**
 * The config `npm start` wrote, when this agent runs from the zhengban source checkout
 * (dist/ and bundle/ both sit two levels below it), that file exists and the OS default
 * does not.
 */
function checkoutConfig(env: PathEnv): string | undefined {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const file = join(root, ...CHECKOUT_AGENT_CONFIG);
  if (!existsSync(file) || existsSync(defaultPaths(env).configFile)) return undefined;
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: unknown; workspaces?: unknown };
    return pkg.name === 'zhengban' && Array.isArray(pkg.workspaces) ? file : undefined;
  } catch {
    // No readable package.json beside it: not a checkout.
    return undefined;
  }
}

function location(program: Command): ConfigLocation {
  const env: PathEnv = {
    platform: process.platform,
    env: process.env,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    homedir: homedir(),
  };
  const flag = program.opts<{ config?: string }>().config;
  const fallback = flag || process.env.ZHENGBAN_AGENT_CONFIG ? undefined : checkoutConfig(env);
  return resolveConfigLocation({ ...env, cwd: process.cwd(), flag, checkoutConfig: fallback });
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  // The live Windows inventory needs %SystemRoot% to find powershell.exe.
  const systemRoot = process.env.SystemRoot ?? process.env.SYSTEMROOT;
  const windows = systemRoot ? { windows: { systemRoot } } : {};
  const program = new Command('zhengban-agent')
    .description('Measures software and licence states on this PC and reports them to the zhengban collector')
    .version(AGENT_VERSION)
    .option('--config <file>', 'config file (env ZHENGBAN_AGENT_CONFIG; default per OS, see `status`)')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  program.command('scan')
    .description('scan this PC and print a summary; nothing is sent')
    .option('--json', 'print the snapshot as JSON')
    .option('--from <dir>', 'judge a folder recorded on another machine instead of this one: scripts/record-linux-fixture.sh output (Linux, macOS), or inventory.json, reg export *.reg and wmic *.wmi files (Windows)')
    .action(async (opts: { json?: boolean; from?: string }) => {
      const { scanCommand } = await import('./commands/scan.js');
      code = await scanCommand({ io, json: opts.json === true, ...(opts.from !== undefined ? { from: opts.from } : {}), ...(systemRoot ? { systemRoot } : {}) });
    });

  program.command('enroll')
    .description('create this agent\'s key and register it with the collector (or, with --offline, for bundles carried to it)')
    .option('--server <url>', 'collector base URL, e.g. https://collector.example:8443')
    .option('--token <token>', 'enrollment token from the collector admin')
    .option('--offline <file>', 'no route to the collector: the token file of `zhengban-collector enrollment create --offline`')
    .option('--ca <file>', 'PEM file of the CA that signed the collector certificate')
    .option('--force', 'enroll again although already enrolled')
    .option('--new-key', 'replace the key first (enrolling as a new machine with a collector that knows this key)')
    .action(async (opts: { server?: string; token?: string; offline?: string; ca?: string; force?: boolean; newKey?: boolean }) => {
      const { enrollCommand } = await import('./commands/enroll.js');
      code = await enrollCommand({ io, location: location(program), ...opts });
    });

  program.command('report')
    .description('scan, sign and send a snapshot; deliver spooled ones first')
    .action(async () => {
      const { reportCommand } = await import('./commands/report-command.js');
      code = await reportCommand({ io, location: location(program), ...windows });
    });

  program.command('export')
    .description('write the spooled snapshots and a new one into a bundle for removable media (no route to the collector)')
    .requiredOption('--out <file>', 'the bundle to write (.gz: compressed)')
    .option('--no-new', 'only what is spooled; do not scan this PC now')
    .action(async (opts: { out: string; new: boolean }) => {
      const { exportCommand } = await import('./commands/export.js');
      code = await exportCommand({ io, location: location(program), out: opts.out, fresh: opts.new, ...windows });
    });

  program.command('bundle')
    .description('bundles carried out of networks with no route to the collector')
    .command('merge')
    .description('gather the bundles of a network into one (a folder contributes its *.bundle files)')
    .argument('<bundles...>', 'bundle files or folders')
    .requiredOption('--out <file>', 'the merged bundle to write (.gz: compressed)')
    .option('--network <name>', 'the network\'s name, when the bundles name none or several')
    .action(async (inputs: string[], opts: { out: string; network?: string }) => {
      const { mergeCommand } = await import('./commands/export.js');
      code = await mergeCommand({ io, inputs, out: opts.out, network: opts.network });
    });

  program.command('inspect')
    .description('an inspector\'s scan of this PC from the kit on a USB stick: judged, signed and written with a printable sheet; nothing is enrolled or left on the PC')
    .requiredOption('--out <dir>', 'where the sheet and the signed record go (the stick\'s results folder)')
    .option('--kit <dir>', 'the kit folder (default: the kit this agent runs from)')
    .option('--from <dir>', 'inspect a folder recorded on another machine instead of this one, as scan --from')
    .action(async (opts: { out: string; kit?: string; from?: string }) => {
      const { inspectCommand } = await import('./commands/inspect.js');
      // The kit's layout: <kit>/agent/zhengban-agent.mjs is this bundle (scripts/package/inspector-kit.mjs).
      const kitDir = opts.kit ?? fileURLToPath(new URL('../', import.meta.url));
      code = await inspectCommand({ io, kitDir, out: opts.out, ...(opts.from !== undefined ? { from: opts.from } : {}), ...windows });
    });

  program.command('status')
    .description('show enrollment, collector, last report and spool')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { statusCommand } = await import('./commands/status.js');
      code = await statusCommand({ io, location: location(program), json: opts.json === true });
    });

  program.command('daemon')
    .description('report on the configured schedule until SIGTERM or SIGINT')
    .action(async () => {
      const { daemonCommand } = await import('./commands/daemon.js');
      code = await daemonCommand({ io, location: location(program), signals: process, ...windows });
    });

  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    // Commander has already printed its usage message; help and --version end here too.
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const message = err instanceof Error ? err.message : String(err);
    io.err(`zhengban-agent: ${message.split('\n')[0]}`);
    if (process.env.ZHENGBAN_DEBUG && err instanceof Error) io.err(err.stack ?? '');
    return exitCodeFor(err);
  }
}

const exitCode = await main(process.argv);
// Let stdout drain (pipes can be asynchronous) before exiting past any lingering handle.
process.stdout.write('', () => process.stderr.write('', () => process.exit(exitCode)));
