import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Type, type Static } from 'typebox';
import { assertValid, parseJson, ZhengbanError } from '@zhengban/shared';
import { isNotFound, writeFileAtomic } from './atomic-write.js';

/** What the agent remembers between runs, in `<stateDir>/state.json`. */
export const AgentState = Type.Object({
  /** Highest seq ever signed; the next snapshot gets one more, even if this one was never sent. */
  lastSeq: Type.Integer({ minimum: 0 }),
  lastSuccessAt: Type.Union([Type.String(), Type.Null()]),
  lastAttemptAt: Type.Union([Type.String(), Type.Null()]),
  /** `code: message` of the last failed report, null after a success. */
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastStatus: Type.Union([Type.String(), Type.Null()]),
});
export type AgentState = Static<typeof AgentState>;

export const EMPTY_STATE: AgentState = {
  lastSeq: 0,
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  lastStatus: null,
};

/** state.json cannot be read or is damaged: refuse, since guessing a seq gets snapshots refused. */
export class StateError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_STATE', message, { cause });
  }
}

export async function loadState(file: string): Promise<AgentState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (isNotFound(err)) return { ...EMPTY_STATE };
    throw new StateError(`cannot read state file ${file}: ${(err as Error).message}`, err);
  }
  try {
    const value = parseJson(text, `state file ${file}`);
    return assertValid(AgentState, { ...EMPTY_STATE, ...(value as object) }, `state file ${file}`);
  } catch (err) {
    throw new StateError(`${(err as Error).message}; fix or remove it (the next seq then restarts from the spool)`, err);
  }
}

export async function saveState(file: string, state: AgentState): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`, 0o644);
}
