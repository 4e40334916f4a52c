// Grows the fleet to N machines by copying the seed machines' rows in SQL, in one
// transaction on a second connection: each clone is a seed machine as the engine left
// it (facts, software, assessment, installs with their outcomes, seats, current
// verdict), with its own id, hostname and first-seen time. Each clone's assessment
// findings are its own, as a real PC's are; its installs are its seed's, as PCs in the
// same state share them, unless `--distinct` (the bench's flag) makes them its own too. Ingesting 100,000 signed snapshots one by
// one would take far longer and measure ingest, not the re-judge.
import Database from 'better-sqlite3';

const AGENT_COLUMNS = `unit_id, enrollment_token_id, public_key, hostname, hardware_uuid, machine_id, serial, agent_version,
  enrolled_at, last_seq, last_seen, last_snapshot_id, verdict_id, status, chassis, os_name, software_hash,
  software_count, first_seen`;
/** Columns of later migrations, copied when the database has them (the bench also measures collectors from before them). */
const LATER_AGENT_COLUMNS = ['state_hash', 'last_collected_at'];

/**
 * Findings of its own for every clone, as real PCs have (a partial product key, a grace
 * period): the first finding gains a fact naming the clone, which leaves the set's
 * outline (what reports read) as its seed's. The hash is a label, not a
 * SHA-256: the engine looks rows up by hash only for content it has just made.
 */
const OWN_FINDINGS = `
  INSERT INTO finding_sets (hash, json, outline_id)
    SELECT 'bench-clone:' || m.new_id, json_insert(f.json, '$[0].facts[#]', 'bench.clone = ' || m.new_id), f.outline_id
    FROM clone_map m JOIN machine_assessments s ON s.agent_id = m.new_id JOIN finding_sets f ON f.id = s.finding_set_id;
  UPDATE machine_assessments SET finding_set_id = (SELECT f.id FROM finding_sets f WHERE f.hash = 'bench-clone:' || machine_assessments.agent_id)
    WHERE agent_id IN (SELECT new_id FROM clone_map);
  UPDATE verdicts SET finding_set_id = (SELECT s.finding_set_id FROM machine_assessments s WHERE s.agent_id = verdicts.agent_id)
    WHERE agent_id IN (SELECT new_id FROM clone_map);`;

/**
 * With --distinct, installs of its own for every clone too: its first install gains a
 * fact naming the clone, so no two machines share a basis or entitlement findings (the
 * engine's worst case).
 */
const DISTINCT_BASES = `
  INSERT INTO assessment_bases (hash, json)
    SELECT 'bench-clone:' || m.new_id, json_insert(b.json, '$.installs[0].facts[#]', 'bench.clone = ' || m.new_id)
    FROM clone_map m JOIN machine_assessments s ON s.agent_id = m.new_id JOIN assessment_bases b ON b.id = s.basis_id;
  UPDATE machine_assessments SET basis_id = (SELECT b.id FROM assessment_bases b WHERE b.hash = 'bench-clone:' || machine_assessments.agent_id)
    WHERE agent_id IN (SELECT new_id FROM clone_map);`;

/**
 * Adds clones until the database holds `target` machines. Clone k copies seed k mod S
 * (S: the machines reported through the API, whose ids do not start with `bench-`) and
 * is first seen `k` seconds after `firstSeenBase`, so seat queues stay deterministic.
 */
export function cloneFleet(file, target, firstSeenBase, { distinct = false } = {}) {
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = ON');
    // Seeds are the machines the bench reported, not its clones nor the new machines it times.
    const seeds = db
      .prepare("SELECT id FROM agents WHERE id NOT LIKE 'bench-%' AND hostname NOT LIKE 'BENCH-NEW-%' ORDER BY first_seen, id")
      .all()
      .map((r) => r.id);
    const have = db.prepare('SELECT count(*) AS n FROM agents').get().n;
    const cloned = db.prepare("SELECT count(*) AS n FROM agents WHERE id LIKE 'bench-%'").get().n;
    if (target <= have) return { added: 0, total: have };
    const present = db.pragma('table_info(agents)').map((c) => c.name);
    const later = LATER_AGENT_COLUMNS.filter((c) => present.includes(c));
    const laterCols = later.map((c) => `, ${c}`).join('');
    const laterVals = later.map((c) => `, a.${c}`).join('');
    db.transaction(() => {
      db.exec('CREATE TEMP TABLE clone_map (new_id TEXT PRIMARY KEY, src_id TEXT NOT NULL, n INTEGER NOT NULL, first_seen TEXT NOT NULL)');
      const add = db.prepare('INSERT INTO clone_map VALUES (?, ?, ?, ?)');
      for (let k = cloned; k < cloned + target - have; k++) {
        add.run(`bench-${String(k).padStart(7, '0')}`, seeds[k % seeds.length], k, new Date(firstSeenBase.getTime() + k * 1000).toISOString());
      }
      db.exec(`
        INSERT INTO agents (id, ${AGENT_COLUMNS}${laterCols})
          SELECT m.new_id, a.unit_id, a.enrollment_token_id, a.public_key, a.hostname || '-c' || m.n, a.hardware_uuid, a.machine_id,
            a.serial, a.agent_version, a.enrolled_at, a.last_seq, a.last_seen, a.last_snapshot_id, NULL, a.status, a.chassis, a.os_name,
            a.software_hash, a.software_count, m.first_seen${laterVals}
          FROM clone_map m JOIN agents a ON a.id = m.src_id;
        INSERT INTO machine_facts (agent_id, facts_json) SELECT m.new_id, f.facts_json FROM clone_map m JOIN machine_facts f ON f.agent_id = m.src_id;
        INSERT INTO machine_assessments (agent_id, snapshot_id, collected_at, basis_id, finding_set_id)
          SELECT m.new_id, s.snapshot_id, s.collected_at, s.basis_id, s.finding_set_id FROM clone_map m JOIN machine_assessments s ON s.agent_id = m.src_id;
        INSERT INTO machine_software (agent_id, name, version, publisher, arch, install_date, size_bytes, source, scope, user_sid, system_component)
          SELECT m.new_id, s.name, s.version, s.publisher, s.arch, s.install_date, s.size_bytes, s.source, s.scope, s.user_sid, s.system_component
          FROM clone_map m JOIN machine_software s ON s.agent_id = m.src_id ORDER BY m.new_id, s.rowid;
        INSERT INTO machine_installs (agent_id, idx, product_id, edition, release, kms_host, outcome_json)
          SELECT m.new_id, i.idx, i.product_id, i.edition, i.release, i.kms_host, i.outcome_json
          FROM clone_map m JOIN machine_installs i ON i.agent_id = m.src_id;
        INSERT INTO seat_allocations (agent_id, product_id, licence_id, since)
          SELECT m.new_id, s.product_id, s.licence_id, s.since FROM clone_map m JOIN seat_allocations s ON s.agent_id = m.src_id;
        INSERT INTO verdicts (agent_id, snapshot_id, status, rules_version, finding_set_id, entitlement_set_id, findings_json, decided_at, trigger, trigger_detail)
          SELECT m.new_id, v.snapshot_id, v.status, v.rules_version, v.finding_set_id, v.entitlement_set_id, v.findings_json, v.decided_at, v.trigger, v.trigger_detail
          FROM clone_map m JOIN agents a ON a.id = m.src_id JOIN verdicts v ON v.id = a.verdict_id;
        UPDATE agents SET verdict_id = (SELECT max(v.id) FROM verdicts v WHERE v.agent_id = agents.id)
          WHERE id IN (SELECT new_id FROM clone_map);
        ${OWN_FINDINGS}
        ${distinct ? DISTINCT_BASES : ''}
        -- As the engine sets them with a verdict (migration 12): the outlines the reports count by.
        UPDATE agents SET
          outline_id = (SELECT f.outline_id FROM verdicts v JOIN finding_sets f ON f.id = v.finding_set_id WHERE v.id = agents.verdict_id),
          entitlement_outline_id = (SELECT f.outline_id FROM verdicts v JOIN finding_sets f ON f.id = v.entitlement_set_id WHERE v.id = agents.verdict_id),
          legacy_verdict = coalesce((SELECT v.findings_json <> '[]' FROM verdicts v WHERE v.id = agents.verdict_id), 0)
          WHERE id IN (SELECT new_id FROM clone_map);
        DROP TABLE clone_map;`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const total = db.prepare('SELECT count(*) AS n FROM agents').get().n;
    return { added: total - have, total };
  } finally {
    db.close();
  }
}
