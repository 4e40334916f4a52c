// Input: the applications list (applications.parse.ts), e.g.
//   { name: 'Microsoft Word', version: '16.83', path: '/Applications/Microsoft Word.app', obtainedFrom: 'identified_developer', … }
//   { name: 'Pages 文稿', version: '14.0', path: '/Applications/Pages.app', obtainedFrom: 'mac_app_store', … }
// and the Office licence facts read by office-licence.parse.ts.
import type { Activation, OfficeSuite } from '@zhengban/shared';
import { clip } from '../text.js';
import { appKey, type MacApp } from './applications.parse.js';
import type { DeviceLicences, M365SignIns, VolumeLicence } from './office-licence.parse.js';
import { appPublisher } from './software.parse.js';

/** What the three Office licence sources said; undefined when a source could not be read. */
export interface OfficeLicenceFacts {
  volume?: VolumeLicence;
  m365?: M365SignIns;
  device?: DeviceLicences;
}

export const VOLUME_SOURCE = 'plutil:/Library/Preferences/com.microsoft.office.licensingV2.plist';
export const M365_SOURCE = 'find:~/Library/Group Containers/UBF8T346G9.Office';
export const DEVICE_SOURCE = 'find:/Library/Microsoft/Office/Licenses';
export const UNLICENSED_REASON = 'no volume licence and no Microsoft 365 sign-in licence found; Office runs unlicensed (read-only)';

/**
 * Office for Mac's licence, in the order the apps honour them: a machine-wide
 * volume or perpetual licence, a Microsoft 365 sign-in in some user's profile
 * (pbowden-msft/Unlicense reads the same files), shared computer activation, a vNext
 * perpetual licence. None of these is proof the organisation bought it (a leaked
 * Volume License Serializer writes the same plist): the channel and edition let the
 * licence registry check that.
 */
export function microsoftLicence(f: OfficeLicenceFacts): { activation: Activation; edition?: string } {
  const m365 = f.m365;
  const signIns = { signedInProfiles: m365?.profiles ?? null, signInFiles: m365?.files ?? null };
  if (f.volume?.present && f.volume.edition) {
    const { edition, channel } = f.volume.edition;
    return { edition, activation: { state: 'activated', source: VOLUME_SOURCE, channel, details: { licenceFile: edition, ...signIns } } };
  }
  if (m365 && m365.profiles > 0) {
    return {
      edition: 'Microsoft 365',
      activation: { state: 'activated', source: M365_SOURCE, channel: 'subscription', details: signIns },
    };
  }
  if (f.device?.sharedComputer) {
    return {
      edition: 'Microsoft 365 (shared computer activation)',
      activation: { state: 'activated', source: 'find:/Library/Application Support/Microsoft/Office365', channel: 'subscription' },
    };
  }
  if (f.device && f.device.perpetualFiles > 0) {
    return {
      edition: 'Office 2021 or later (perpetual licence)',
      activation: { state: 'activated', source: DEVICE_SOURCE, channel: 'retail', details: { licenceFiles: f.device.perpetualFiles } },
    };
  }
  if (f.volume?.present) {
    return {
      activation: {
        state: 'unknown',
        reason: 'a perpetual licence file is present, but its edition is not one this agent recognises',
        source: VOLUME_SOURCE,
      },
    };
  }
  const unread = [
    f.volume === undefined && 'the volume licence file',
    (m365 === undefined || m365.denied) && 'the users\' Microsoft 365 sign-in files',
    f.device === undefined && 'the machine-wide licence folders',
  ].filter((x): x is string => typeof x === 'string');
  if (unread.length) {
    return { activation: { state: 'unknown', reason: clip(`no Office licence found, but ${unread.join(' and ')} could not be read`, 500), source: M365_SOURCE } };
  }
  return { activation: { state: 'not-activated', reason: UNLICENSED_REASON, source: `${VOLUME_SOURCE}; ${M365_SOURCE}; ${DEVICE_SOURCE}`, details: signIns } };
}

/** Word, Excel and PowerPoint are what the licence covers; Outlook and OneNote are free on their own. */
const MS_CORE = ['Microsoft Word', 'Microsoft Excel', 'Microsoft PowerPoint'];
const MS_APPS = [...MS_CORE, 'Microsoft Outlook', 'Microsoft OneNote'];

const major = (version: string | undefined) => Number.parseInt(version ?? '', 10);

function compareVersions(a: string, b: string): number {
  const pa = a.split(/\D+/).map(Number);
  const pb = b.split(/\D+/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function describe(name: string, vendor: string, apps: readonly MacApp[], activation: Activation): OfficeSuite {
  const first = apps[0]!;
  const suite: OfficeSuite = { name, vendor, source: clip(`system_profiler:${appKey(first)}`, 300), activation };
  const version = apps.map((a) => a.version).filter((v): v is string => !!v).sort(compareVersions).pop();
  if (version) suite.version = clip(version, 100);
  suite.scope = apps.every((a) => /^\/Users\/[^/]+\//.test(a.path ?? '')) ? 'user' : 'machine';
  return suite;
}

/** Office 2016 and later (15.x/16.x) as one suite; Office 2011 (14.x) apart, as its licence file is another. */
function microsoftSuites(apps: readonly MacApp[], licence: OfficeLicenceFacts): OfficeSuite[] {
  const found = MS_APPS.flatMap((key) => apps.filter((a) => appKey(a) === key));
  const out: OfficeSuite[] = [];
  for (const legacy of [false, true]) {
    const group = found.filter((a) => (major(a.version) === 14) === legacy);
    if (!group.some((a) => MS_CORE.includes(appKey(a)))) continue;
    const ordered = [...group].sort((a, b) => MS_APPS.indexOf(appKey(a)) - MS_APPS.indexOf(appKey(b)));
    const products = [...new Set(ordered.map(appKey))];
    if (legacy) {
      const suite = describe('Microsoft Office 2011 for Mac', 'Microsoft', ordered, {
        state: 'unknown',
        reason: 'Office 2011 keeps its licence in com.microsoft.office.licensing.plist, which this agent does not read',
      });
      out.push({ ...suite, products });
      continue;
    }
    const { activation, edition } = microsoftLicence(licence);
    const suite = describe('Microsoft Office for Mac', 'Microsoft', ordered, activation);
    // The suite's version is Word's when Word is there (the other apps update on their own).
    const word = ordered.find((a) => appKey(a) === 'Microsoft Word')?.version;
    if (word) suite.version = clip(word, 100);
    if (edition) suite.edition = clip(edition, 200);
    out.push({ ...suite, products });
  }
  return out;
}

const FREE = (what: string): Activation => ({ state: 'not-applicable', reason: `${what} is free software with no activation` });

interface SuiteRule {
  name: string;
  vendor: string;
  key: RegExp;
  activation: Activation;
}

const OTHER_SUITES: readonly SuiteRule[] = [
  {
    name: 'WPS Office',
    vendor: 'Kingsoft',
    key: /^(wpsoffice|WPS Office)/i,
    activation: {
      state: 'unknown',
      reason: 'WPS Office for Mac keeps no licence state the agent can read; whether this copy is the personal or a licensed professional edition is not known',
    },
  },
  { name: 'LibreOffice', vendor: 'The Document Foundation', key: /^LibreOffice/i, activation: FREE('LibreOffice') },
  { name: 'Apache OpenOffice', vendor: 'Apache Software Foundation', key: /^OpenOffice/i, activation: FREE('Apache OpenOffice') },
  { name: 'ONLYOFFICE Desktop Editors', vendor: 'Ascensio System SIA', key: /^ONLYOFFICE/i, activation: FREE('ONLYOFFICE Desktop Editors') },
];

/** iWork app → the last version of the boxed iWork '09; later versions are free. */
const IWORK_09_LAST: Readonly<Record<string, number>> = { Pages: 4, Numbers: 2, Keynote: 5 };

const madeByApple = (a: MacApp) =>
  a.obtainedFrom === 'apple' || a.obtainedFrom === 'mac_app_store' || appPublisher(a) === 'Apple' ||
  (a.obtainedFrom === undefined && a.signedBy === undefined && /^\/Applications\//.test(a.path ?? ''));

function iworkSuite(apps: readonly MacApp[]): OfficeSuite | undefined {
  const found = apps.filter((a) => appKey(a) in IWORK_09_LAST && madeByApple(a));
  if (!found.length) return undefined;
  const boxed = found.every((a) => major(a.version) <= IWORK_09_LAST[appKey(a)]!);
  const suite = boxed
    ? describe("Apple iWork '09", 'Apple', found, {
        state: 'unknown',
        reason: "iWork '09 was sold as a boxed product; whether this copy was bought cannot be read",
      })
    : describe('Apple iWork', 'Apple', found, {
        state: 'not-applicable',
        reason: 'Apple iWork (Pages, Numbers, Keynote) is free from Apple and has no activation',
      });
  return { ...suite, products: [...new Set(found.map(appKey))] };
}

/** Every office suite found among the applications, each with its licence state. */
export function officeSuitesFromApps(apps: readonly MacApp[], licence: OfficeLicenceFacts): OfficeSuite[] {
  const out = microsoftSuites(apps, licence);
  for (const rule of OTHER_SUITES) {
    const app = apps.find((a) => rule.key.test(appKey(a)));
    if (!app) continue;
    const suite = describe(rule.name, rule.vendor, [app], rule.activation);
    out.push({ ...suite, activation: { ...rule.activation, source: suite.source } });
  }
  const iwork = iworkSuite(apps);
  if (iwork) out.push({ ...iwork, activation: { ...iwork.activation, source: iwork.source } });
  return out;
}
