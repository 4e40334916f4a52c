// The log of the installer's and the scheduled task's runs, where an admin looks when
// Task Scheduler shows a non-zero "Last Run Result": %ProgramData%\zhengban\logs\
// zhengban-agent.log (Task Scheduler itself keeps no output). One line per event or
// per line the agent printed:
//
//   2026-12-06T02:31:07.412Z [report] exit 0
//
// UTF-8 with a BOM (the agent prints Chinese; Windows PowerShell 5.1's Get-Content reads a
// file without a BOM in the ANSI code page), CRLF, and at most two files: a log over
// `maxBytes` at the start of a run becomes zhengban-agent.log.1, replacing the older one.
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The file is opened (and rotated) at the first line written, so a caller can secure its folder first. */
export function openLog(file, { maxBytes = 1_000_000, now = () => new Date() } = {}) {
  let opened = false;
  const open = () => {
    mkdirSync(dirname(file), { recursive: true });
    try {
      if (statSync(file).size > maxBytes) renameSync(file, `${file}.1`);
    } catch {
      // No log yet.
    }
    if (!existsSync(file)) writeFileSync(file, '\uFEFF');
    opened = true;
  };
  return (tag, text) => {
    const lines = String(text).split(/\r?\n/).filter((l) => l.trim() !== '');
    if (!lines.length) return;
    if (!opened) open();
    appendFileSync(file, lines.map((l) => `${now().toISOString()} [${tag}] ${l}\r\n`).join(''));
  };
}
