import { useState } from 'preact/hooks';

// A write as a page makes it: busy while it is sent, the API's refusal kept to be shown
// as the API words it, and what a section does once one of its writes went through.

export interface Write {
  run: () => Promise<void>;
  busy: boolean;
  error: Error | undefined;
}

export function useWrite<T>(write: () => Promise<T>, onDone: (result: T) => void): Write {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await write());
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error };
}

export interface AfterWrite {
  /** What the last write did, in words ("已保存。已重新判定 60 台计算机…"). */
  notice: string | undefined;
  /** Counts the writes: a form keyed on it starts empty again. */
  round: number;
  /** After a write: say what it did, reset the forms, load what the section shows again. */
  done: (notice: string) => void;
  clear: () => void;
}

export function useAfterWrite(reload: () => void): AfterWrite {
  const [notice, setNotice] = useState<string>();
  const [round, setRound] = useState(0);
  return {
    notice,
    round,
    done(text) {
      setNotice(text);
      setRound((r) => r + 1);
      reload();
    },
    clear: () => setNotice(undefined),
  };
}
