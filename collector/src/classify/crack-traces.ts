/**
 * Crack tools on a PC. The catalog's crack-tool products name what each tool leaves
 * (an Uninstall entry, services, tasks, processes, files, registry values, KMS hosts);
 * this rule looks for all of it in the snapshot, and gives one `crack-activator` finding
 * per tool quoting every trace found. The agent's own crack indicators (kept for older
 * snapshots and what only it can tell, such as a KMS lease of 50 years) become findings
 * of their own unless every line of their evidence is already quoted by a tool's finding.
 * A crack tool's KMS host that an activation uses is the activation's finding (kms.ts):
 * its registry values and the agent's lines naming it are not told a second time.
 * A crack-activator finding fails its category whatever else passes: a PC with a crack
 * tool on it is never licensed.
 */
import { evidence, type Category, type Finding, type Indicator } from '@zhengban/shared';
import type { Recognition } from '../catalog/types.js';
import type { ClassifyContext } from './context.js';
import { INDICATOR_CATEGORIES } from './data/indicator-categories.js';
import { fact, makeFinding, type Rule } from './finding.js';
import type { JudgedSnapshot } from './judged-snapshot.js';
import { crackToolOfPcHost, isLoopback, normaliseHost } from './kms.js';
import { catalogFact } from './requirement.js';

interface Trace {
  tool: Recognition;
  category: Category;
  evidence: string;
  fact: string;
}

/** KMS settings in the licensing keys; a host found there is a trace when a crack tool uses it. */
const KMS_VALUE = /^(Discovered)?KeyManagementService(Name|Machine|MachineName|MachineIpAddress|IpAddress)$/i;
/** Office's licensing keys; the host of any other licensing key is Windows'. */
const OFFICE_KEY = /0ff1ce15-a989-479d-af46-f275c6370663|59a52881-a989-479d-af46-f275c6370663|OfficeSoftwareProtectionPlatform/i;

/** An evidence line that names a KMS host: `… KeyManagementServiceMachine = kms.example.org`. */
const KMS_LINE = /KeyManagementService\w*\s*=\s*(\S+)$/i;

const hostKey = (category: Category, host: string) => `${category}\u0000${normaliseHost(host)}`;

/** The KMS hosts, by category, of the OS's and office suites' activations that judgeKms reports as a crack. */
function crackHostsOfActivations(snapshot: JudgedSnapshot, ctx: ClassifyContext): Set<string> {
  const used: [Category, string | undefined][] = [['os', snapshot.os.activation.kmsHost], ...snapshot.office.map((o): [Category, string | undefined] => ['office', o.activation.kmsHost])];
  return new Set(
    used.flatMap(([category, raw]) => {
      const host = raw ? normaliseHost(raw) : '';
      const crack = host !== '' && (isLoopback(host) || crackToolOfPcHost(host, ctx.policy, ctx.catalog) !== undefined);
      return crack ? [hostKey(category, host)] : [];
    }),
  );
}

function tracesOf(snapshot: JudgedSnapshot, ctx: ClassifyContext, judgedHosts: ReadonlySet<string>): Trace[] {
  const out: Trace[] = [];
  const add = (tool: Recognition | undefined, line: string, f: string, category?: Category) => {
    if (tool?.licence === 'crack-tool') out.push({ tool, category: category ?? tool.product.category, evidence: line, fact: f });
  };
  for (const { index, item, recognition } of ctx.recognised.software) add(recognition, evidence.uninstall(item), fact(`software[${index}].name`, item.name));
  const o = snapshot.observations;
  if (!o) return out;
  const { catalog } = ctx;
  o.services.forEach((s, i) => add(catalog.recogniseTrace('service', { name: s.name, path: s.path }), evidence.service(s), fact(`observations.services[${i}].name`, s.name)));
  o.tasks.forEach((t, i) => add(catalog.recogniseTrace('task', { name: t.path, path: t.action }), evidence.task(t), fact(`observations.tasks[${i}].path`, t.path)));
  o.processes.forEach((p, i) => add(catalog.recogniseTrace('process', { name: p }), evidence.process(p), fact(`observations.processes[${i}]`, p)));
  o.files.forEach((f, i) => add(catalog.recogniseTrace('file', { name: f.path }), evidence.file(f), fact(`observations.files[${i}].path`, f.path)));
  o.registry.forEach((r, i) => {
    const line = evidence.registry(r);
    const at = fact(`observations.registry[${i}]`, `${r.key}\\${r.name} = ${r.value}`);
    add(catalog.recogniseTrace('registry', { name: `${r.key}\\${r.name}`, value: r.value }), line, at);
    const category = OFFICE_KEY.test(r.key) ? 'office' : 'os';
    if (KMS_VALUE.test(r.name) && r.value.trim() && !judgedHosts.has(hostKey(category, r.value))) {
      add(crackToolOfPcHost(r.value, ctx.policy, catalog), line, at, category);
    }
  });
  return out;
}

/** One finding per tool and category, quoting every trace. */
function toolFindings(traces: readonly Trace[]): Finding[] {
  const groups = new Map<string, Trace[]>();
  for (const t of traces) {
    const key = `${t.tool.product.id}\u0000${t.category}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups.values()].map((group) => {
    const { product } = group[0]!.tool;
    const lines = [...new Set(group.map((t) => t.evidence))];
    const rules = [...new Map(group.map((t) => [t.tool.ruleId, t.tool])).values()];
    return makeFinding(group[0]!.category, product.name, {
      code: 'crack-activator',
      message: `${product.name}, a crack tool, has left traces on this PC: ${lines.join('; ')}.`,
      messageZh: `本机发现破解工具 ${product.nameZh} 的痕迹：${lines.join('；')}。`,
    }, [...rules.map(catalogFact), ...group.map((t) => t.fact)]);
  });
}

/** The agent's own category when it gives one; otherwise read from the wording. */
function categoryOf(ind: Indicator): Category {
  if (ind.category) return ind.category;
  const text = `${ind.kind} ${ind.description}`;
  const hit = INDICATOR_CATEGORIES.find((c) => c.pattern.test(text) && !c.unless?.test(text));
  return hit?.category ?? 'os';
}

/** The product the trace concerns when there is exactly one, else the category. */
function subjectOf(snapshot: JudgedSnapshot, category: Category): string {
  if (category === 'os') return snapshot.os.name;
  const products = category === 'office' ? snapshot.office : category === 'antivirus' ? snapshot.antivirus : [];
  return products.length === 1 && products[0] ? products[0].name : category;
}

function indicatorFinding(snapshot: JudgedSnapshot, ind: Indicator, i: number): Finding {
  const category = categoryOf(ind);
  const quoted = ind.evidence.length ? ind.evidence.join('; ') : 'none quoted';
  const facts = [
    fact(`indicators[${i}].kind`, ind.kind),
    fact(`indicators[${i}].description`, ind.description),
    ...ind.evidence.map((e, j) => fact(`indicators[${i}].evidence[${j}]`, e)),
  ];
  return makeFinding(category, subjectOf(snapshot, category), {
    code: 'crack-activator',
    message: `Crack activator trace on this PC: ${ind.description} (evidence: ${quoted}).`,
    messageZh: `本机发现破解激活工具痕迹：${ind.description}（证据：${quoted}）。`,
  }, facts);
}

function crackTraces(snapshot: JudgedSnapshot, ctx: ClassifyContext): Finding[] {
  const judgedHosts = crackHostsOfActivations(snapshot, ctx);
  const traces = tracesOf(snapshot, ctx, judgedHosts);
  const quoted = new Set(traces.map((t) => t.evidence));
  const told = snapshot.indicators.flatMap((ind, i) => {
    const category = categoryOf(ind);
    const toldElsewhere = (line: string) => {
      const host = KMS_LINE.exec(line)?.[1];
      return quoted.has(line) || (host !== undefined && judgedHosts.has(hostKey(category, host)));
    };
    return ind.evidence.length > 0 && ind.evidence.every(toldElsewhere) ? [] : [indicatorFinding(snapshot, ind, i)];
  });
  return [...toolFindings(traces), ...told];
}

export const crackRules: readonly Rule[] = [crackTraces];
