import type { Activation } from '@zhengban/shared';
import { clip } from '../text.js';
import { describeFailure, type DbusAnswer } from './dbus.collect.js';
import type { Kyinfo } from './kylin.parse.js';

/**
 * Kylin's activation state from its activation daemon on the system D-Bus
 * (org.freedesktop.activation, license-detection.md §7). Each method answers a value
 * and an error code: `status` → (int32 state, int32 err), `date` → (string, int32 err) …
 *
 * How the answers are read follows Kylin's own SDK (kysdk-system libkysysinfo,
 * kdk_system_get_activationStatus: "2 expired; 0 not activated, in trial; 1 activated"):
 * status 1 is activated; status 0 with a service `date` is an activation that has
 * lapsed; status 0 without one is a trial while `trial_date` lies ahead, else not
 * activated. The files /etc/.kyactivation and /etc/.kyinfo are quoted, never trusted:
 * compatibility packages for other distributions fake them.
 */

export const KYLIN_SOURCE = 'dbus:org.freedesktop.activation';
const SERVICE = 'the Kylin activation service (org.freedesktop.activation)';

export interface KylinAnswers {
  status: DbusAnswer;
  trialStatus?: DbusAnswer;
  date?: DbusAnswer;
  trialDate?: DbusAnswer;
  serial?: DbusAnswer;
}

export interface KylinFileFacts {
  kyinfo?: Kyinfo;
  /** /etc/.kyactivation exists. Quoted in details only. */
  kyactivationPresent: boolean;
}

type Details = NonNullable<Activation['details']>;

export function kylinActivation(answers: KylinAnswers, files: KylinFileFacts, now: Date): Activation {
  const details = fileDetails(files);
  if (answers.status.kind !== 'reply') {
    if (answers.status.kind === 'error') details.dbusError = clip(answers.status.error.name, 200);
    if (answers.status.kind === 'failed' && answers.status.raw) details.statusReply = answers.status.raw;
    return unknown(describeFailure(answers.status, SERVICE), details);
  }
  const status = valueOf(answers.status);
  details.status = typeof status.value === 'number' ? status.value : null;
  if (typeof status.value !== 'number') return unknown(`${SERVICE} answered status without a number`, details);
  if (status.err) {
    details.statusError = status.err;
    return unknown(`${SERVICE} reported error ${status.err} with its status`, details);
  }

  const date = text(answers.date);
  const trialDate = text(answers.trialDate);
  const trialStatus = valueOf(answers.trialStatus).value;
  if (date !== undefined) details.serviceDate = clip(date, 100);
  if (trialDate !== undefined) details.trialDate = clip(trialDate, 100);
  if (typeof trialStatus === 'number') details.trialStatus = trialStatus;

  if (status.value === 1) return activated(answers, files, date, now, details);
  if (status.value !== 0) return unknown(`${SERVICE} answered an unrecognised status ${status.value}`, details);

  if (date) {
    return {
      state: 'expired',
      reason: clip(`not activated (status 0), yet a service date ${date} is on record: the activation has lapsed`, 500),
      source: KYLIN_SOURCE,
      details,
    };
  }
  const trialEnd = endOfDay(trialDate);
  if (trialEnd && trialEnd.getTime() > now.getTime()) {
    return {
      state: 'trial',
      reason: clip(`not activated; trial period until ${trialDate}`, 500),
      source: KYLIN_SOURCE,
      graceRemainingMinutes: Math.max(0, Math.floor((trialEnd.getTime() - now.getTime()) / 60_000)),
      details,
    };
  }
  if (trialEnd) {
    return notActivated(`not activated; trial period ended on ${trialDate}`, details);
  }
  if (trialStatus === 1) {
    return { state: 'trial', reason: 'not activated; in trial (the trial end date was not given)', source: KYLIN_SOURCE, details };
  }
  if (trialDate) return notActivated(`not activated; the trial date "${trialDate}" could not be read`, details);
  return notActivated('not activated and no trial period', details);
}

function activated(answers: KylinAnswers, files: KylinFileFacts, date: string | undefined, now: Date, details: Details): Activation {
  const out: Activation = { state: 'activated', source: KYLIN_SOURCE, details };
  const serial = text(answers.serial) || files.kyinfo?.serviceKey; // '' from D-Bus means none
  // The last five characters identify the licence in a report; the whole serial never leaves the machine.
  if (serial && serial.length > 5) out.partialKey = serial.slice(-5);
  const end = endOfDay(date);
  if (date && end && end.getTime() <= now.getTime()) {
    details.serviceExpired = true;
    out.reason = clip(`activated; the technical service term ended on ${date}`, 500);
  } else if (date) {
    out.reason = clip(`activated; technical service until ${date}`, 500);
  } else {
    out.reason = 'activated';
  }
  return out;
}

function fileDetails(files: KylinFileFacts): Details {
  const d: Details = {};
  if (files.kyactivationPresent) d.kyactivationFile = 'present (not proof of activation)';
  if (files.kyinfo?.term) d.kyinfoTerm = clip(files.kyinfo.term, 100);
  return d;
}

/** First value and the error code after it, as Kylin's methods answer (value, int32 err). */
function valueOf(answer: DbusAnswer | undefined): { value?: number | string | boolean; err?: number } {
  if (!answer || answer.kind !== 'reply') return {};
  const [value, err] = answer.values;
  const out: { value?: number | string | boolean; err?: number } = {};
  if (value !== undefined) out.value = value;
  if (typeof err === 'number' && err !== 0) out.err = err;
  return out;
}

/** A string answer with no error code, trimmed; '' stays '' (the daemon's "none"). */
function text(answer: DbusAnswer | undefined): string | undefined {
  const { value, err } = valueOf(answer);
  return typeof value === 'string' && !err ? value.trim() : undefined;
}

/**
 * The moment a day-precision date ends: `2026-04-30` (also with `/` or `.`) is taken to
 * run to the start of the next day, UTC. A date with a time is taken as that time, UTC.
 */
export function endOfDay(value: string | undefined): Date | undefined {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const t = m[4] === undefined
    ? Date.UTC(y, mo - 1, d + 1)
    : Date.UTC(y, mo - 1, d, Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return Number.isFinite(t) ? new Date(t) : undefined;
}

function unknown(reason: string, details: Details): Activation {
  return { state: 'unknown', reason: clip(reason, 500), source: KYLIN_SOURCE, details };
}

function notActivated(reason: string, details: Details): Activation {
  return { state: 'not-activated', reason: clip(reason, 500), source: KYLIN_SOURCE, details };
}
