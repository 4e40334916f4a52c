// The ledger's dated events (purchase, install, renewal, disposal: 报废, 调剂) and its
// licence documents (授权文本), keyed by the ledger entries of ledger.mjs.
import { U } from './county.mjs';

const n = (demand, key) => demand.get(key) ?? 0;

/** Dated events; `when`: entered before the first scan, or after it (a registry change that re-judges). */
export const LEDGER_EVENTS = [
  { licence: 'office-kms', when: 'before', event: () => ({ kind: 'install', date: '2020-01-10', notes: '县 KMS 服务器部署完成，全县终端批量激活 (county KMS host in service)' }) },
  { licence: 'wps-czj', when: 'before', event: (d) => ({ kind: 'purchase', date: '2024-03-01', seats: n(d, 'wps:czj') + n(d, 'wps:qsz') }) },
  { licence: 'win7-oem', when: 'before', event: () => ({ kind: 'disposal', disposal: 'scrap', date: '2026-04-15', seats: 5, notes: '5 台旧电脑报废，随机授权一并核销 (5 PCs scrapped)' }) },
  { licence: 'office2010-oem', when: 'before', event: () => ({ kind: 'disposal', disposal: 'scrap', date: '2026-04-15', seats: 5, notes: '随 5 台旧电脑报废 (with the scrapped PCs)' }) },
  {
    licence: 'tianqing',
    when: 'after',
    event: () => ({ kind: 'renewal', date: '2026-10-28', validUntil: '2027-06-30', notes: '续费合同 10 月签订，11 月补录台账 (renewed in October, entered in November)' }),
  },
  {
    licence: 'wps-czj',
    when: 'after',
    event: (d) => ({ kind: 'disposal', disposal: 'reallocation', date: '2026-11-10', seats: n(d, 'wps:qsz'), toUnit: U.qsz, notes: '富余授权调剂给青石镇人民政府 (spare seats reallocated to 青石镇)' }),
  },
];

/** 授权文本: the licence documents stored with their hash. */
export const LICENCE_DOCUMENTS = [
  {
    licence: 'office-kms',
    fileName: '青溪县Office批量许可授权确认书.txt',
    mediaType: 'text/plain',
    text: '微软批量许可授权确认书\n被许可方：青溪县人民政府（县级机关集中采购）\n产品：Office 专业增强版 2016（批量许可，可降级使用）\n激活方式：KMS（kms.czj.gov.example.cn）\n采购编号：QXCG-2019-0312\n（样例数据，虚构）\n',
  },
  {
    licence: 'tianqing',
    fileName: '天擎终端安全管理系统网络版授权书.txt',
    mediaType: 'text/plain',
    text: '奇安信天擎终端安全管理系统（网络版）产品授权书\n用户单位：青溪县人民政府\n授权类型：网络版，一套管理中心\n采购编号：QXCG-2024-0588\n（样例数据，虚构）\n',
  },
];
