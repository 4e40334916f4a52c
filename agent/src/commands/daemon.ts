import { loadConfig, requireEnrolled } from '../config/load.js';
import { ConfigError } from '../config/errors.js';
import type { ConfigLocation } from '../config/paths.js';
import { DaemonLoop, type CronHandle } from '../schedule/daemon-loop.js';
import { loadState } from '../state/state-file.js';
import { liveBuilder, type BuildSnapshot, type Io, type WindowsOptions } from './io.js';
import { USER_AGENT } from './report-command.js';
import { formatReportLine } from './report-format.js';
import { runReport } from './report.js';

export interface DaemonOptions {
  io: Io;
  location: ConfigLocation;
  /** Where SIGTERM/SIGINT come from; the process in the CLI. */
  signals: NodeJS.EventEmitter;
  buildSnapshot?: BuildSnapshot;
  windows?: WindowsOptions;
}

/**
 * Reports on the config's cron schedule plus splay, with a catch-up run when the last
 * success is too old. Resolves with exit code 0 after SIGTERM or SIGINT, once a
 * running report has finished.
 */
export async function daemonCommand(o: DaemonOptions): Promise<number> {
  const log = (line: string): void => o.io.err(`${new Date().toISOString()} ${line}`);
  const config = await loadConfig(o.location);
  requireEnrolled(config);
  const cron = await import('node-cron');
  if (!cron.validate(config.schedule.cron)) {
    throw new ConfigError(`config file ${config.configFile}: schedule.cron '${config.schedule.cron}' is not a valid cron expression`);
  }
  const buildSnapshot = await liveBuilder(o.buildSnapshot, o.windows);

  const loop = new DaemonLoop({
    splayMinutes: config.schedule.splayMinutes,
    intervalHours: config.schedule.intervalHours,
    schedule: (onTick): CronHandle => {
      const task = cron.createTask(config.schedule.cron, () => onTick(), {
        name: 'zhengban-report',
        logger: { info: () => {}, debug: () => {}, warn: (m) => log(`cron: ${m}`), error: (m) => log(`cron: ${String(m)}`) },
      });
      void task.start();
      return { stop: () => task.destroy(), nextRun: () => task.getNextRun() };
    },
    // Config and state are read again each run, so a re-enrollment is picked up without a restart.
    run: async () => {
      const current = await loadConfig(o.location);
      return formatReportLine(await runReport({ config: current, buildSnapshot, warn: log, userAgent: USER_AGENT }));
    },
    lastSuccessAt: async () => (await loadState(config.stateFile)).lastSuccessAt,
    log,
  });

  return new Promise<number>((resolve, reject) => {
    const stop = (signal: string): void => {
      o.signals.off('SIGTERM', onTerm);
      o.signals.off('SIGINT', onInt);
      log(`${signal} received; stopping after the running report, if any`);
      loop.stop().then(() => {
        log('daemon stopped');
        resolve(0);
      }, reject);
    };
    const onTerm = (): void => stop('SIGTERM');
    const onInt = (): void => stop('SIGINT');
    o.signals.on('SIGTERM', onTerm);
    o.signals.on('SIGINT', onInt);
    loop.start().catch(reject);
  });
}
