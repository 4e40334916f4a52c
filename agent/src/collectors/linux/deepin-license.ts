import type { Activation } from '@zhengban/shared';
import { clip } from '../text.js';
import { describeFailure, firstLine, type DbusAnswer } from './dbus.collect.js';

/**
 * UOS (and Deepin) licence state from the licence service on the system D-Bus,
 * com.deepin.license /com/deepin/license/Info, property AuthorizationState
 * (license-detection.md §7, from DDE's control center):
 *   -1 Unknown, 0 Unauthorized, 1 Authorized, 2 AuthorizedLapse, 3 TrialAuthorized, 4 TrialExpired.
 * When D-Bus gives nothing, `uos-activator-cmd -q` is read instead; no verbatim sample of
 * its output was found (only a third party's note that it prints 激活状态 … and
 * 到期时间 …), so only unmistakable words are read and anything else stays unknown.
 * Licence files (/var/uos/.license.key …) are never read as proof: "wechat-uos"
 * compatibility packages fake them on other distributions.
 */

export const DEEPIN_LICENSE_SOURCE = 'dbus:com.deepin.license';
export const UOS_ACTIVATOR_SOURCE = 'uos-activator-cmd';
const SERVICE = 'the UOS licence service (com.deepin.license)';

type Details = NonNullable<Activation['details']>;

const STATES: Readonly<Record<number, { state: Activation['state']; reason: string }>> = {
  [-1]: { state: 'unknown', reason: 'the licence service reports its state as unknown (AuthorizationState -1)' },
  0: { state: 'not-activated', reason: 'not activated (AuthorizationState 0, Unauthorized)' },
  1: { state: 'activated', reason: 'activated (AuthorizationState 1, Authorized)' },
  2: { state: 'expired', reason: 'the authorisation has lapsed (AuthorizationState 2, AuthorizedLapse)' },
  3: { state: 'trial', reason: 'in the trial period (AuthorizationState 3, TrialAuthorized)' },
  4: { state: 'not-activated', reason: 'trial expired (AuthorizationState 4, TrialExpired)' },
};

/** The AuthorizationState number in a Properties.Get reply, or undefined. */
export function authorizationState(answer: DbusAnswer): number | undefined {
  if (answer.kind !== 'reply') return undefined;
  const [value] = answer.values;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** The activation a D-Bus answer gives, or undefined when it gave no state (then the CLI is asked). */
export function deepinLicenseActivation(answer: DbusAnswer): Activation | undefined {
  const n = authorizationState(answer);
  if (n === undefined) return undefined;
  const known = STATES[n];
  const details: Details = { AuthorizationState: n };
  if (!known) {
    return { state: 'unknown', reason: `the licence service answered an unrecognised AuthorizationState ${n}`, source: DEEPIN_LICENSE_SOURCE, details };
  }
  return { state: known.state, reason: known.reason, source: DEEPIN_LICENSE_SOURCE, details };
}

export type ActivatorAnswer = { kind: 'output'; text: string } | { kind: 'absent' } | { kind: 'failed'; reason: string };

// Negatives first: "未激活" contains "激活", "not activated" contains "activated".
const NOT_ACTIVATED = /未激活|未授权|not\s+activated|unactivated|inactive|unauthori[sz]ed/i;
const TRIAL = /试用|trial/i;
const ENDED = /过期|到期了|已到期|expired/i;
const ACTIVATED = /已激活|已授权|\bactivated\b|\bauthori[sz]ed\b/i;

/** Reads `uos-activator-cmd -q` output for unmistakable words only. */
export function activatorActivation(output: string): Activation {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const stateLine = lines.find((l) => /激活状态|授权状态|status/i.test(l)) ?? lines[0] ?? '';
  const details: Details = { output: clip(stateLine, 200) };
  const make = (state: Activation['state'], reason: string): Activation => ({
    state,
    reason: clip(reason, 500),
    source: UOS_ACTIVATOR_SOURCE,
    details,
  });
  if (!stateLine) return make('unknown', 'uos-activator-cmd -q printed nothing');
  if (TRIAL.test(stateLine)) {
    return ENDED.test(stateLine)
      ? make('not-activated', `trial expired (uos-activator-cmd: "${stateLine}")`)
      : make('trial', `in the trial period (uos-activator-cmd: "${stateLine}")`);
  }
  if (NOT_ACTIVATED.test(stateLine)) return make('not-activated', `not activated (uos-activator-cmd: "${stateLine}")`);
  if (ACTIVATED.test(stateLine)) return make('activated', `activated (uos-activator-cmd: "${stateLine}")`);
  return make('unknown', `uos-activator-cmd -q printed a state this agent does not recognise: "${stateLine}"`);
}

/** Whether the command-line tool is worth asking: D-Bus gave no state, or only "unknown" (-1). */
export function needsActivator(dbus: DbusAnswer): boolean {
  const fromDbus = deepinLicenseActivation(dbus);
  return !fromDbus || fromDbus.state === 'unknown';
}

/** UOS: D-Bus first, the command-line tool second, else unknown with both reasons. */
export function uosActivation(dbus: DbusAnswer, activator: ActivatorAnswer | undefined): Activation {
  const fromDbus = deepinLicenseActivation(dbus);
  if (fromDbus && fromDbus.state !== 'unknown') return fromDbus;
  if (activator?.kind === 'output') {
    const fromCli = activatorActivation(activator.text);
    // The CLI's reading counts only when it is clearer than what D-Bus said.
    if (fromDbus && fromCli.state === 'unknown') return fromDbus;
    if (fromCli.details) fromCli.details.dbus = clip(fromDbus?.reason ?? dbusReason(dbus), 200);
    return fromCli;
  }
  if (fromDbus) return fromDbus;
  const cli = !activator || activator.kind === 'absent'
    ? 'uos-activator-cmd is not installed'
    : `uos-activator-cmd gave no usable answer (${activator.reason})`;
  return { state: 'unknown', reason: clip(`${dbusReason(dbus)}; ${cli}`, 500), source: DEEPIN_LICENSE_SOURCE };
}

function dbusReason(dbus: DbusAnswer): string {
  if (dbus.kind === 'reply') {
    return `${SERVICE} answered without an AuthorizationState number (${JSON.stringify(dbus.values.slice(0, 3))})`;
  }
  return describeFailure(dbus, SERVICE);
}

/** Deepin's community edition: free, so no activation applies; whatever D-Bus said is kept as a fact. */
export function deepinCommunityActivation(dbus: DbusAnswer): Activation {
  const n = authorizationState(dbus);
  const details: Details = { AuthorizationState: n ?? null };
  if (n === undefined && dbus.kind === 'error') details.dbus = clip(dbus.error.name, 200);
  if (n === undefined && dbus.kind === 'failed' && dbus.raw) details.dbus = firstLine(dbus.raw);
  return {
    state: 'not-applicable',
    reason: 'Deepin community edition is free software with no product activation',
    source: 'os-release',
    details,
  };
}
