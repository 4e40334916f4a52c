import { useState } from 'preact/hooks';

// A form's fields as its inputs hold them: text. Each form turns them into its API body
// in one function, where a blank is null and a figure is read as typed, so the API
// judges what the reader wrote (a negative seat count is the API's to refuse and word).

type Values = Record<string, string>;

export interface Fields<T extends Values> {
  values: T;
  set: (patch: Partial<T>) => void;
  /** The props of a TextField bound to `key`. */
  text: (key: keyof T & string) => { name: string; value: string; onInput: (value: string) => void };
  /** The props of a Choice bound to `key`; its empty choice is ''. */
  choice: (key: keyof T & string) => { name: string; value: string; onChange: (value: string | undefined) => void };
}

export function useFields<T extends Values>(initial: () => T): Fields<T> {
  const [values, setValues] = useState(initial);
  const set = (patch: Partial<T>) => setValues((v) => ({ ...v, ...patch }));
  return {
    values,
    set,
    text: (key) => ({ name: key, value: values[key] ?? '', onInput: (value) => set({ [key]: value } as Partial<T>) }),
    choice: (key) => ({ name: key, value: values[key] ?? '', onChange: (value) => set({ [key]: value ?? '' } as Partial<T>) }),
  };
}

/** Blank (or spaces only): null, the API's "not said". */
export const textOrNull = (text: string): string | null => text.trim() || null;

/** Blank: null ("unlimited", "not said"); anything else as the number typed. */
export const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/** A value the record may lack, as a field's text. */
export const fieldText = (value: string | number | null | undefined): string => (value === null || value === undefined ? '' : String(value));
