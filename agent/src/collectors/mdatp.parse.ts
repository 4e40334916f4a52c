// Input: `mdatp health --output json` of Microsoft Defender for Endpoint, the same tool
// and format on Linux and macOS; recent versions wrap settings in {displayValue, isManaged, value},
// older ones print bare values, some snake_case:
//   {"$type":"getHealthAllResult","appVersion":"101.23062.0010","definitionsStatus":{"$type":"upToDate"},
//    "definitionsUpdated":"1691587153787","definitionsVersion":"1.395.30.0","healthy":true,"licensed":true,
//    "passiveModeEnabled":{"displayValue":true,"isManaged":false,"value":true},"productExpiration":"1712756068000",
//    "realTimeProtectionEnabled":{"displayValue":true,"isManaged":false,"value":false}, …}
// Field meanings: Microsoft's "Investigate agent health issues" (defender-endpoint/health-status.md):
// `licensed` is true when the device is onboarded to a tenant; `product_expiration` is when the
// installed version reaches end of support.
import { InvalidJsonError, type Activation, type Antivirus } from '@zhengban/shared';
import { clean } from './text.js';

export interface MdatpHealth {
  appVersion?: string;
  healthy?: boolean;
  licensed?: boolean;
  productExpiration?: Date;
  realTimeProtectionEnabled?: boolean;
  passiveMode?: boolean;
  /** true up to date, false out of date or failing, null while updating or unsaid. */
  definitionsCurrent?: boolean | null;
  definitionsVersion?: string;
  definitionsUpdated?: Date;
}

/** What Defender says of itself, in the antivirus fields it can fill. */
export type MdatpStatus = Partial<Pick<Antivirus, 'version' | 'enabled' | 'upToDate' | 'state' | 'activation'>>;

type Json = Record<string, unknown>;
const WHAT = 'mdatp health --output json';

export function parseMdatpHealth(text: string): MdatpHealth {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InvalidJsonError(WHAT, err);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new InvalidJsonError(WHAT, new Error('not a JSON object'));
  const h = doc as Json;
  const out: MdatpHealth = {};
  const appVersion = clean(text_(setting(h, 'appVersion', 'app_version')), 100);
  if (appVersion) out.appVersion = appVersion;
  const healthy = bool(setting(h, 'healthy', 'healthy'));
  if (healthy !== undefined) out.healthy = healthy;
  const licensed = bool(setting(h, 'licensed', 'licensed'));
  if (licensed !== undefined) out.licensed = licensed;
  const expiration = epochMs(setting(h, 'productExpiration', 'product_expiration'));
  if (expiration) out.productExpiration = expiration;
  const rtp = bool(setting(h, 'realTimeProtectionEnabled', 'real_time_protection_enabled'));
  if (rtp !== undefined) out.realTimeProtectionEnabled = rtp;
  const passive = bool(setting(h, 'passiveModeEnabled', 'passive_mode_enabled'));
  if (passive !== undefined) out.passiveMode = passive;
  const defs = h['definitionsStatus'] ?? h['definitions_status'];
  if (defs !== undefined) out.definitionsCurrent = definitionsCurrent(defs);
  const defsVersion = clean(text_(setting(h, 'definitionsVersion', 'definitions_version')), 100);
  if (defsVersion) out.definitionsVersion = defsVersion;
  const updated = epochMs(setting(h, 'definitionsUpdated', 'definitions_updated'));
  if (updated) out.definitionsUpdated = updated;
  return out;
}

/**
 * Passive mode (another antivirus is primary) scans but does not block, so it is not
 * protection, as for Defender on Windows: enabled false, state `passive`. Activation:
 * `licensed: false` → not-activated; productExpiration at or before the scan's clock →
 * expired; licensed → activated.
 */
export function mdatpStatus(h: MdatpHealth, now: Date): MdatpStatus {
  const out: MdatpStatus = {};
  if (h.appVersion) out.version = h.appVersion;
  if (h.passiveMode) out.enabled = false;
  else if (h.realTimeProtectionEnabled !== undefined) out.enabled = h.realTimeProtectionEnabled;
  if (h.definitionsCurrent !== undefined) out.upToDate = h.definitionsCurrent;
  if (h.passiveMode) out.state = 'passive';
  else if (h.realTimeProtectionEnabled !== undefined) out.state = h.realTimeProtectionEnabled ? 'on' : 'off';
  const activation = mdatpActivation(h, now);
  if (activation) out.activation = activation;
  return out;
}

function mdatpActivation(h: MdatpHealth, now: Date): Activation | undefined {
  if (h.licensed === undefined && !h.productExpiration) return undefined;
  const expires = h.productExpiration;
  const details = {
    licensed: h.licensed ?? null,
    healthy: h.healthy ?? null,
    productExpiration: expires?.toISOString() ?? null,
    definitionsVersion: h.definitionsVersion ?? null,
  };
  const base = { source: 'mdatp:health', details };
  if (h.licensed === false) {
    return { ...base, state: 'not-activated', reason: 'Defender is installed but not onboarded to an organisation (mdatp health: licensed false)' };
  }
  if (expires && expires.getTime() <= now.getTime()) {
    return {
      ...base,
      state: 'expired',
      reason: `this Defender version passed its product expiration on ${expires.toISOString().slice(0, 10)} (Microsoft documents it as the end of support of the installed version); the app must be updated`,
    };
  }
  if (h.licensed) return { ...base, state: 'activated' };
  return { ...base, state: 'unknown', reason: 'mdatp health did not say whether the device is onboarded (no "licensed" field)' };
}

/** A setting either bare (`true`) or wrapped (`{ value: true }`), under its camelCase or snake_case name. */
function setting(doc: Json, camel: string, snake: string): unknown {
  const v = doc[camel] ?? doc[snake];
  return typeof v === 'object' && v !== null && 'value' in v ? (v as { value: unknown }).value : v;
}

function text_(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'enabled') return true;
  if (v === 'false' || v === 'disabled') return false;
  return undefined;
}

/** Milliseconds since the epoch, as a number or a digit string. */
function epochMs(v: unknown): Date | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v.trim()) ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? new Date(n) : undefined;
}

/** `{"$type":"upToDate"}` (JSON output) or `up_to_date` (plain output). */
function definitionsCurrent(v: unknown): boolean | null {
  const raw = typeof v === 'object' && v !== null ? (v as Json)['$type'] : v;
  const word = typeof raw === 'string' ? raw.replace(/[_\s-]/g, '').toLowerCase() : '';
  if (word === 'uptodate') return true;
  if (/outdated|outofdate|unavailable|nodefinitions|failed/.test(word)) return false;
  return null;
}
