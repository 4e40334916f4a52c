import type { ReportLang } from '../schema/reports.js';
import { chinaDate } from './china-time.js';
import type { NoticeUnit } from './notice-unit.js';
import type { Counts } from './statistics.js';

/**
 * The notice's text as an office drafts it, its figures and lists filled in from the
 * table: the situation as of the date, the change since the earlier one, the units done,
 * in progress and not started (praise and criticism by name), and the usual demands,
 * for the office to edit before it is sent. Pure.
 */
export interface DraftInput {
  name: string;
  lang: ReportLang;
  asOf: string;
  before: string | null;
  ranked: readonly NoticeUnit[];
  total: Counts;
  totalBefore: Counts | null;
}

const share = (n: number, of: number) => (of === 0 ? '—' : `${((n / of) * 100).toFixed(2)}%`);
const points = (now: number, then: number) => `${Math.abs((now - then) * 100).toFixed(2)}`;

/** `2026年11月20日` (China time). */
function zhDate(iso: string): string {
  const [y, m, d] = chinaDate(iso).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
const enDate = (iso: string) => chinaDate(iso);

export function noticeDraft(d: DraftInput): { title: string; date: string; paragraphs: string[] } {
  return d.lang === 'zh' ? zh(d) : en(d);
}

function zh(d: DraftInput): { title: string; date: string; paragraphs: string[] } {
  const t = d.total;
  const names = (stage: NoticeUnit['stage']) => d.ranked.filter((r) => r.stage === stage).map((r) => r.unit.name);
  const list = (xs: string[]) => (xs.length ? xs.join('、') : '无');
  const all = share(t.allGenuine, t.reporting);
  const paragraphs = [
    `截至${zhDate(d.asOf)}，全${d.name}各单位共有计算机${t.computers}台，其中台式机${t.desktops}台，便携机${t.laptops}台，其他${t.others}台；已上报${t.reporting}台，未上报${t.notReporting}台。` +
      `已上报的计算机中，操作系统正版率${share(t.genuine.os, t.reporting)}，办公软件正版率${share(t.genuine.office, t.reporting)}，杀毒软件正版率${share(t.genuine.antivirus, t.reporting)}；三类软件均为正版的${t.allGenuine}台，正版率${all}。`,
  ];
  if (d.before && d.totalBefore) {
    const b = d.totalBefore;
    const now = t.reporting ? t.allGenuine / t.reporting : 0;
    const then = b.reporting ? b.allGenuine / b.reporting : 0;
    const trend = now > then ? `提高${points(now, then)}个百分点` : now < then ? `下降${points(now, then)}个百分点` : '持平';
    paragraphs.push(`与${zhDate(d.before)}相比，三类软件均为正版的计算机由${b.allGenuine}台增至${t.allGenuine}台，正版率${trend}。`);
  }
  const done = names('done');
  const fixing = names('fixing');
  const idle = names('not-started');
  paragraphs.push(
    `一、已完成正版化的单位（${done.length}个）：${list(done)}。以上单位工作扎实、成效明显，予以通报表扬。`,
    `二、正在整改的单位（${fixing.length}个）：${list(fixing)}。请以上单位对照问题清单加快整改，尽快完成正版化工作。`,
    `三、尚未开展整改的单位（${idle.length}个）：${list(idle)}。以上单位工作进展缓慢，予以通报批评，请主要负责人亲自过问，限期整改并报送整改情况。`,
    '四、有关要求。各单位要切实履行主体责任，及时采购、安装正版软件，不得安装使用未经授权的软件，并按时上报计算机软件使用情况。',
  );
  return { title: `关于${d.name}软件正版化工作进展情况的通报`, date: zhDate(d.asOf), paragraphs };
}

function en(d: DraftInput): { title: string; date: string; paragraphs: string[] } {
  const t = d.total;
  const names = (stage: NoticeUnit['stage']) => d.ranked.filter((r) => r.stage === stage).map((r) => r.unit.name);
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');
  const paragraphs = [
    `As of ${enDate(d.asOf)}, the units of ${d.name} have ${t.computers} computers (${t.desktops} desktops, ${t.laptops} laptops, ${t.others} other); ${t.reporting} are reporting and ${t.notReporting} are not. ` +
      `Of those reporting, the operating system is genuine on ${share(t.genuine.os, t.reporting)}, office software on ${share(t.genuine.office, t.reporting)}, antivirus on ${share(t.genuine.antivirus, t.reporting)}; ${t.allGenuine} computers are genuine on all three (${share(t.allGenuine, t.reporting)}).`,
  ];
  if (d.before && d.totalBefore) {
    const b = d.totalBefore;
    paragraphs.push(`Since ${enDate(d.before)}, computers genuine on all three went from ${b.allGenuine} (${share(b.allGenuine, b.reporting)}) to ${t.allGenuine} (${share(t.allGenuine, t.reporting)}).`);
  }
  paragraphs.push(
    `1. Done (${names('done').length}): ${list(names('done'))}. Commended.`,
    `2. In progress (${names('fixing').length}): ${list(names('fixing'))}. To finish without delay.`,
    `3. Not started (${names('not-started').length}): ${list(names('not-started'))}. Criticised; the head of each is to see to it and report the remedy by a set date.`,
    '4. Every unit is to buy and install genuine software, install nothing unlicensed, and report its computers on time.',
  );
  return { title: `Software licensing progress notice: ${d.name}`, date: enDate(d.asOf), paragraphs };
}
