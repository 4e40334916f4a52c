// The campaign's figures, read back from the collector's API: machines per status and
// per finding code, and per unit the statistics form's columns (computers, desktops,
// laptops, genuine OS / office / antivirus, fully genuine), with the ledger's seats.
import { categoryResults } from '../../collector/dist/classify/combine.js';

async function allMachines(api) {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api('GET', `/machines?limit=500&offset=${offset}`);
    out.push(...page.machines);
    if (out.length >= page.total || page.machines.length === 0) return out;
  }
}

async function allLicences(api) {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api('GET', `/licences?limit=500&offset=${offset}`);
    out.push(...page.licences);
    if (out.length >= page.total || page.licences.length === 0) return out;
  }
}

/** Codes that are an infringement in themselves (as the collector's combine.ts lists them). */
const INFRINGEMENTS = new Set(['crack-activator', 'untrusted-kms', 'no-entitlement', 'over-allocated', 'personal-use-only', 'denied-software', 'unauthorized-install']);

/**
 * Why a machine is not genuine, as an inspector would list it: the failing codes of each
 * failing category. A passive Defender ("disabled") beside a consumer antivirus that
 * fails anyway is not a reason of its own; beside a working 天擎 its category passes.
 */
function reasons(findings, pass) {
  const out = new Set();
  for (const category of ['os', 'office', 'antivirus', 'other']) {
    if (pass[category]) continue;
    const failing = findings.filter((f) => f.category === category && !f.passed).map((f) => f.code);
    const infringed = failing.some((c) => INFRINGEMENTS.has(c));
    for (const c of failing) if (!(c === 'disabled' && infringed)) out.add(c);
  }
  return out;
}

const emptyRow = () => ({ computers: 0, desktops: 0, laptops: 0, os: 0, office: 0, antivirus: 0, allThree: 0, licensed: 0 });

export async function summarise(api) {
  const machines = await allMachines(api);
  const { units } = await api('GET', '/units');
  const byStatus = {};
  const byCode = {};
  const perUnit = new Map();
  const total = emptyRow();
  for (const m of machines) {
    const { verdict } = await api('GET', `/machines/${m.machineId}`);
    byStatus[m.status] = (byStatus[m.status] ?? 0) + 1;
    const pass = categoryResults(verdict?.findings ?? []);
    for (const code of reasons(verdict?.findings ?? [], pass)) byCode[code] = (byCode[code] ?? 0) + 1;
    const row = perUnit.get(m.unit) ?? emptyRow();
    for (const r of [row, total]) {
      r.computers++;
      if (m.chassis === 'laptop') r.laptops++;
      else r.desktops++;
      if (verdict) {
        r.os += pass.os ? 1 : 0;
        r.office += pass.office ? 1 : 0;
        r.antivirus += pass.antivirus ? 1 : 0;
        r.allThree += pass.os && pass.office && pass.antivirus ? 1 : 0;
        r.licensed += verdict.status === 'licensed' ? 1 : 0;
      }
    }
    perUnit.set(m.unit, row);
  }
  const rows = [...units]
    .sort((a, b) => a.id - b.id)
    .filter((u) => perUnit.has(u.name))
    .map((u) => ({ unit: u.name, headcount: u.headcount, ...perUnit.get(u.name) }));
  const licences = (await allLicences(api)).map((l) => ({
    id: l.id,
    product: l.product,
    edition: l.edition,
    model: l.model,
    unit: l.unit,
    seats: l.seats,
    effectiveSeats: l.effectiveSeats,
    allocated: l.allocated,
    validUntil: l.validUntil,
    document: l.document?.fileName ?? null,
  }));
  const review = await api('GET', '/review/software?limit=10');
  return { machines: machines.length, byStatus, byCode, units: rows, total, licences, review: review.items.map((i) => ({ name: i.name, machines: i.machines })) };
}
