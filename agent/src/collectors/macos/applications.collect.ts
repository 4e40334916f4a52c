import { ExecNotFoundError, ExecTimeoutError } from '../../exec/run.js';
import { runSource, type Io } from '../io.js';
import { MACOS } from '../sources/macos.js';
import { parseApplicationsJson, parseApplicationsXml, type ParsedApps } from './applications.parse.js';
import { MacosSourceMissingError } from './errors.js';

/** Listing every app walks all volumes; a Mac with many apps takes a minute or more. */
const TIMEOUT_MS = 240_000;

/**
 * The applications list: JSON first (macOS 10.15 and later), XML when JSON is not
 * there, fails, or is not readable (older system_profiler ignores -json and prints
 * text). A timeout is not retried: the XML run would take as long.
 */
export async function collectApplications(io: Io): Promise<ParsedApps> {
  let jsonError: unknown;
  try {
    const { stdout } = await runSource(io, MACOS.applicationsJson, { timeoutMs: TIMEOUT_MS });
    return parseApplicationsJson(stdout);
  } catch (err) {
    if (err instanceof ExecTimeoutError) throw err;
    if (!(err instanceof ExecNotFoundError)) jsonError = err;
  }
  try {
    const { stdout } = await runSource(io, MACOS.applicationsXml, { timeoutMs: TIMEOUT_MS });
    return parseApplicationsXml(stdout);
  } catch (err) {
    if (!(err instanceof ExecNotFoundError)) throw err;
    throw jsonError ?? new MacosSourceMissingError('system_profiler SPApplicationsDataType');
  }
}
