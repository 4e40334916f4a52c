// A worker thread of the intake pool (intake-pool.ts): checks and reads snapshot bodies
// off the thread that runs HTTP and the one SQLite writer.
import { parentPort } from 'node:worker_threads';
import { intakeSnapshot, type IntakeInput } from './snapshot-intake.js';
import { serializeError } from './intake-errors.js';

parentPort!.on('message', async ({ id, input }: { id: number; input: IntakeInput }) => {
  try {
    const result = await intakeSnapshot(input);
    parentPort!.postMessage({ id, result });
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
