import pg from 'pg';
import type { PeriodicJob } from '../store.js';

/** The first key of every job's advisory lock, so a job's lock is told from other uses of the database's. */
const JOBS = 0x7a62; // "zb"

/**
 * Which periodic jobs this collector runs, among those on one database: a job is this
 * process's while one connection of its own holds the job's session advisory lock.
 * PostgreSQL frees the lock when that connection ends (the process stopped or was
 * killed), and the next collector to ask takes it.
 */
export class Leadership {
  /** One connection, however many jobs ask at once: held while connecting, so none makes a second. */
  private client: Promise<pg.Client> | undefined;
  private readonly held = new Set<PeriodicJob>();
  /** A job asked for after the store closed (its timer fired late) leads nothing and connects nothing. */
  private closed = false;

  constructor(private readonly url: string) {}

  /** Asked one at a time: a connection runs one query at once. */
  private turn: Promise<unknown> = Promise.resolve();

  leads(job: PeriodicJob): Promise<boolean> {
    const answer = this.turn.then(() => this.ask(job));
    this.turn = answer;
    return answer;
  }

  private async ask(job: PeriodicJob): Promise<boolean> {
    if (this.closed) return false;
    try {
      const client = await this.connected();
      if (this.held.has(job)) {
        await client.query('SELECT 1');
        return true;
      }
      const r = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS got', [JOBS, job]);
      if (r.rows[0]!.got) this.held.add(job);
      return this.held.has(job);
    } catch {
      // The connection is gone, and its locks with it: asked again at the job's next run.
      void this.drop();
      return false;
    }
  }

  private connected(): Promise<pg.Client> {
    this.client ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('error', () => this.drop());
      await client.connect();
      return client;
    })();
    return this.client;
  }

  /** Forgets the connection (and so every lock it held) and ends it. */
  private drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    return client ? client.then((c) => c.end()).catch(() => {}) : Promise.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drop();
  }
}
