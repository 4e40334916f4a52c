/**
 * Whether the agent looked. A Windows scan can be refused by policy (Constrained
 * Language mode, an execution policy, AppLocker blocking powershell.exe), cut short (the
 * script's deadline, a WMI query that never answers, the agent stopping PowerShell), or
 * unable to load a user's registry hive. Nothing found by such a scan says nothing
 * about the PC, so the verdict says `not-checked` and why, never `missing`. The agent
 * names what it skipped by section:
 *
 *   { source: 'windows:office.clickToRun', code: 'E_COLLECTION_CUT_SHORT',
 *     message: "not collected: the scan's 90 s deadline had passed" }
 *
 * A query that ran and failed (`E_WINDOWS_QUERY`) is another matter: the agent looked
 * and could not tell, which stays `unknown` (finding.ts `collectionErrorsFor`).
 */
import type { Activation, Category, CollectionError, Finding, Snapshot } from '@zhengban/shared';
import { clip, collectionErrorsFor, errorFact, makeFinding, programs, type Judgement, type Product, type Rule } from './finding.js';

/** The categories every PC is checked for. */
export type Checked = Exclude<Category, 'other'>;

const BLOCKED = 'E_COLLECTION_BLOCKED';
const CUT_SHORT = 'E_COLLECTION_CUT_SHORT';

/**
 * The codes that mean "did not look", with what each says in Chinese (the agent's own
 * message follows it in English). The E_INVENTORY_* and E_POWERSHELL_MISSING failures
 * mean the script delivered nothing: the agent then reports only what systeminformation
 * tells (machine, OS name), so empty lists and an unknown activation are no evidence.
 */
const NOT_LOOKED: ReadonlyMap<string, string> = new Map([
  [BLOCKED, '采集被策略阻止'],
  [CUT_SHORT, '部分内容未采集完成（超时或被中止）'],
  ['E_PROFILE_NOT_CHECKED', '有用户配置文件的注册表未能读取，该用户安装的程序未检查'],
  ['E_INVENTORY_TIMEOUT', '清点脚本超时'],
  ['E_INVENTORY_FAILED', '清点脚本运行失败'],
  ['E_INVENTORY_INVALID', '清点脚本的输出无效'],
  ['E_INVENTORY_SCRIPT_MISSING', '清点脚本缺失'],
  ['E_POWERSHELL_MISSING', '未找到 PowerShell'],
]);

/** The inventory's sections each category is judged from; `inventory` is the whole script. */
const SECTIONS: Readonly<Record<Checked, ReadonlySet<string>>> = {
  os: new Set(['inventory', 'os', 'licensing']),
  office: new Set(['inventory', 'office', 'wps', 'software', 'profiles', 'licensing']),
  antivirus: new Set(['inventory', 'antivirus', 'services', 'processes', 'software']),
};

/** `windows:office.clickToRun` → `office`. By name, not substring: `windows:observed.processes` is not `processes`. */
function sectionOf(source: string): string | undefined {
  return /^windows:([^.]+)/i.exec(source)?.[1]?.toLowerCase();
}

/** The sections an office suite's activation is read from: the licensing queries (SPP, OSPP). */
const SUITE_ACTIVATION: ReadonlySet<string> = new Set(['inventory', 'licensing']);

/** The collection errors that say the agent did not look at what a category is judged from. */
export function notLookedErrors(snapshot: Pick<Snapshot, 'collectionErrors'>, category: Checked): CollectionError[] {
  return snapshot.collectionErrors.filter((e) => {
    const section = sectionOf(e.source);
    return NOT_LOOKED.has(e.code) && section !== undefined && SECTIONS[category].has(section);
  });
}

/**
 * The errors that say the licensing queries an office suite's activation comes from
 * (`wmi:SoftwareLicensingProduct`, `wmi:OfficeSoftwareProtectionProduct`) were not
 * run; a suite whose activation is read elsewhere (WPS's oem.ini) has none.
 */
export function suiteActivationNotLooked(snapshot: Pick<Snapshot, 'collectionErrors'>, activation: Activation): CollectionError[] {
  if (!activation.source?.startsWith('wmi:')) return [];
  return snapshot.collectionErrors.filter((e) => NOT_LOOKED.has(e.code) && SUITE_ACTIVATION.has(sectionOf(e.source) ?? ''));
}

/**
 * A product's judgement, unless its activation was not read because the agent did not
 * look: then `not-checked` naming why, with the errors as facts. An activation that was
 * read is judged as read, whatever else was cut short.
 */
export function unlessNotLooked(p: Product, a: Activation, judgement: Judgement | undefined, errors: readonly CollectionError[]): { judgement: Judgement | undefined; facts: string[] } {
  const unread = judgement?.code === 'unknown' && (a.state === 'unknown' || a.state === 'not-applicable');
  if (!unread || errors.length === 0) return { judgement, facts: [] };
  const why = notLookedWords(errors);
  return {
    judgement: {
      code: 'not-checked',
      message: `The activation of ${p.name} was not checked: ${why.en}.`,
      messageZh: `未能检查${p.zh}的激活状态：${why.zh}。`,
    },
    facts: errors.map(errorFact),
  };
}

const withoutFullStop = (text: string) => text.replace(/[.。\s]+$/u, '');
const BLOCKED_PREFIX = /^collection blocked by policy:\s*/i;
/** The specifics of a refusal, after the words a finding says in its own language. */
const policyDetail = (message: string) => withoutFullStop(message.replace(BLOCKED_PREFIX, ''));

/**
 * Why the agent did not look, in plain words: one reason per distinct message, so ten
 * sections past the same deadline read once, naming the sections (a cut-short message
 * does not name its own part; the others do).
 */
export function notLookedWords(errors: readonly CollectionError[]): { en: string; zh: string } {
  const groups = new Map<string, { e: CollectionError; sources: string[] }>();
  for (const e of errors) {
    const key = `${e.code}\n${e.message}`;
    const g = groups.get(key);
    if (g) g.sources.push(e.source);
    else groups.set(key, { e, sources: [e.source] });
  }
  const en: string[] = [];
  const zh: string[] = [];
  for (const { e, sources } of groups.values()) {
    const message = withoutFullStop(e.message);
    const cut = e.code === CUT_SHORT;
    en.push(cut ? `${message} (${sources.join(', ')})` : message);
    zh.push(`${NOT_LOOKED.get(e.code) ?? e.code}${cut ? `：${sources.join('、')}` : ''}（${e.code === BLOCKED ? policyDetail(message) : message}）`);
  }
  return { en: en.join('; '), zh: zh.join('；') };
}

/** How an empty list's finding names what it lacks: `office suite`, `office suites`, `办公软件`. */
export interface ListWords {
  one: string;
  many: string;
  zh: string;
}

/**
 * The finding for an empty office or antivirus list. Empty is `missing` only when the
 * agent looked: when it did not, `not-checked` naming why (outranking a failed query,
 * which is `unknown`). The facts quote every error either way.
 */
export function emptyListFinding(snapshot: Pick<Snapshot, 'software' | 'collectionErrors'>, field: 'office' | 'antivirus', words: ListWords, missing: Judgement): Finding {
  const notLooked = notLookedErrors(snapshot, field);
  const failed = collectionErrorsFor(snapshot, field);
  const quoted = snapshot.collectionErrors.filter((e) => notLooked.includes(e) || failed.includes(e));
  const facts = [`${field} = [] (${programs(snapshot.software.length)} inventoried)`, ...quoted.map(errorFact)];
  return makeFinding(field, field, emptyListJudgement(notLooked, failed, words) ?? missing, facts);
}

function emptyListJudgement(notLooked: readonly CollectionError[], failed: readonly CollectionError[], words: ListWords): Judgement | undefined {
  if (notLooked.length > 0) {
    const why = notLookedWords(notLooked);
    return {
      code: 'not-checked',
      message: `No ${words.one} was reported, but the agent did not look everywhere: ${why.en}.`,
      messageZh: `未报告${words.zh}，但代理未能完成检查：${why.zh}。`,
    };
  }
  if (failed.length > 0) {
    return {
      code: 'unknown',
      message: `No ${words.one} was reported, but the agent failed to inspect ${words.many} on this PC.`,
      messageZh: `未报告${words.zh}，但代理检查${words.zh}时出错，无法确认。`,
    };
  }
  return undefined;
}

// The agent's specifics are clipped so the advice after them survives the message limit; the fact keeps them whole.
const MAX_DETAIL = 500;

/**
 * A scan refused by policy gets a finding of its own beside the categories' `not-checked`:
 * the one an admin filters on to see which PCs need the script allowed.
 */
function blockedCollection(snapshot: Pick<Snapshot, 'collectionErrors'>): Finding[] {
  const blocked = snapshot.collectionErrors.filter((e) => e.code === BLOCKED);
  if (blocked.length === 0) return [];
  const detail = clip([...new Set(blocked.map((e) => policyDetail(e.message)))].join('; '), MAX_DETAIL);
  const judgement: Judgement = {
    code: 'not-checked',
    message:
      `Collection blocked by policy: ${detail}. The agent could not read this PC's activation, office suites, antivirus or programs. ` +
      "Allow the inventory script to run: sign it with the organisation's code-signing certificate, or allow-list it in AppLocker or Group Policy (see docs/windows-policy.md).",
    messageZh:
      `采集被策略阻止：${detail}。代理无法读取本机的激活状态、办公软件、杀毒软件和已安装程序。` +
      '请允许清点脚本运行：用单位的代码签名证书为其签名，或在 AppLocker 或组策略中将其列入允许名单（见 docs/windows-policy.md）。',
  };
  return [makeFinding('other', 'collection', judgement, blocked.map(errorFact))];
}

export const coverageRules: readonly Rule[] = [blockedCollection];
