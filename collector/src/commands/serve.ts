import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ZhengbanError } from '@zhengban/shared';
import { buildApp, type App } from '../app.js';
import { createLogger } from '../logger.js';
import { closeOnSignals, listen } from '../server.js';
import { UsageError } from '../service/errors.js';
import { inThreadIntake, workerIntake, type Intake } from '../service/intake-pool.js';
import { rejudgeDated, rejudgeOwed } from '../service/rejudge-service.js';
import { startRetention } from '../service/retention.js';
import { startTrendRecorder } from '../service/trend-recorder.js';
import { openDatabase } from '../store/open-database.js';
import { sweepLeftovers } from '../service/ingest-writer.js';
import type { Io } from './io.js';
import { integer, positiveNumber } from './validate.js';

export const DEFAULT_PORT = 8470;
/** How often `serve` checks whether a licence came into force or ran out (once a China day at most acts). */
const DATES_EVERY_MS = 10 * 60_000;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface ServeOptions {
  db: string;
  host?: string;
  port?: string;
  tlsCert?: string;
  tlsKey?: string;
  staleAfter?: string;
  trustedKms?: string[];
  logLevel?: string;
  authFailures?: string;
  intakeWorkers?: string;
  keepSnapshots?: string;
  dbPool?: string;
  trustProxy?: string[];
}

function readPem(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new UsageError(`cannot read ${flag} ${file}: ${(err as Error).message}`);
  }
}

/**
 * Starts the collector and prints exactly one line on stdout, `listening on <url>`,
 * which the start script waits for. Resolves once listening; signals close it.
 */
export async function serve(o: ServeOptions, io: Io): Promise<App> {
  const host = o.host ?? '127.0.0.1';
  const port = integer(o.port ?? String(DEFAULT_PORT), '--port', 0, 65535);
  const staleAfterHours = positiveNumber(o.staleAfter ?? '48', '--stale-after');
  const level = o.logLevel ?? 'info';
  if (!LOG_LEVELS.includes(level)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  if (!o.tlsCert !== !o.tlsKey) throw new UsageError('--tls-cert and --tls-key go together: give both or neither');
  const tls = o.tlsCert && o.tlsKey ? { cert: readPem(o.tlsCert, '--tls-cert'), key: readPem(o.tlsKey, '--tls-key') } : undefined;
  const trustedKmsHosts = (o.trustedKms ?? []).map((h) => h.trim()).filter(Boolean);
  const authFailures = { max: integer(o.authFailures ?? '20', '--auth-failures', 1, 1_000_000), windowMs: 60_000 };
  // One thread is the server's, with the one SQLite writer; the others check and read snapshots.
  const workers = integer(o.intakeWorkers ?? String(Math.max(1, availableParallelism() - 1)), '--intake-workers', 0, 64);
  const keepDays = positiveNumber(o.keepSnapshots ?? '30', '--keep-snapshots');

  const logger = createLogger(level);
  const poolSize = integer(o.dbPool ?? '10', '--db-pool', 1, 1000);
  const store = await openDatabase(o.db, { poolSize, onBackgroundError: (err) => logger.error({ err }, 'work after an answer failed; it is tried again') });
  let app: App;
  let intake: Intake | undefined;
  try {
    intake = workers > 0 ? workerIntake(workers) : inThreadIntake;
    const trustProxy = (o.trustProxy ?? []).map((h) => h.trim()).filter(Boolean);
    app = await buildApp({ store, logger, staleAfterHours, policy: { trustedKmsHosts }, authFailures, intake, trustProxy, ...(tls ? { tls } : {}) });
  } catch (err) {
    await intake?.close();
    await store.close();
    if (tls) throw new UsageError(`the TLS certificate or key cannot be used: ${(err as Error).message}`);
    throw err;
  }
  // Long lists a crash left half-written (this collector's, or any collector's, once old enough to be left over).
  await sweepLeftovers(store);
  const owed = await rejudgeOwed(app.registry);
  if (owed) app.log.info(owed, 'owed re-judge done');
  watchLicenceDates(app);
  countTrendDays(app, staleAfterHours);
  pruneSnapshots(app, keepDays);
  let url: string;
  try {
    url = await listen(app, { host, port });
  } catch (err) {
    await app.close();
    throw new ZhengbanError('E_LISTEN', `cannot listen on ${host}:${port}: ${(err as Error).message}`, { cause: err });
  }
  io.out(`listening on ${url}`);
  closeOnSignals(app);
  return app;
}

/** The dashboard trend's past days, counted in the background until the server closes. */
function countTrendDays(app: App, staleAfterHours: number): void {
  const recorder = startTrendRecorder({ ...app.registry, staleAfterMs: staleAfterHours * 3_600_000 }, (err) => app.log.error({ err }, 'counting a trend day failed; tried again later'));
  app.server.once('close', () => recorder.stop());
}

/**
 * Licence dates act on their own day even when no machine reports: checked now and every
 * few minutes until the server closes. A failure is logged and tried again next time.
 */
function watchLicenceDates(app: App): void {
  // One collector of those sharing a database does it (and would find the day done after another).
  const check = () =>
    app.registry.store
      .leads('licence-dates')
      .then((mine) => (mine ? rejudgeDated(app.registry) : undefined))
      .then(
      (rejudged) => rejudged && app.log.info({ rejudged }, 'licence dates re-judged'),
      (err: unknown) => app.log.error({ err }, 'licence dates re-judge failed'),
    );
  void check();
  const timer = setInterval(check, DATES_EVERY_MS);
  timer.unref();
  app.server.once('close', () => clearInterval(timer));
}

/** Retention: the signed text of old snapshots nothing points at, dropped a slice at a time, every hour until the server closes. */
function pruneSnapshots(app: App, keepDays: number): void {
  const retention = startRetention(app.registry, { keepMs: keepDays * 86_400_000 }, {
    pruned: (n) => app.log.info({ snapshots: n }, 'retention: old snapshots pruned'),
    failed: (err) => app.log.error({ err }, 'retention failed; tried again later'),
  });
  app.server.once('close', () => retention.stop());
}
