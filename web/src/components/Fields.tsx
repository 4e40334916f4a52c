import { t, type Key } from '../i18n';

export interface Option {
  value: string;
  label: string;
}

/**
 * A labelled select. `empty` names the first, empty choice ("any", "choose one"); the
 * change hands back the value chosen, undefined for the empty one.
 */
export function Choice(props: { label: Key; name: string; value: string | undefined; options: Option[]; empty?: Key; required?: boolean; onChange: (value: string | undefined) => void }) {
  return (
    <label>
      {t(props.label)}
      <select name={props.name} value={props.value ?? ''} required={props.required} onChange={(e) => props.onChange(e.currentTarget.value || undefined)}>
        {props.empty ? <option value="">{t(props.empty)}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A labelled line of text. */
export function TextField(props: { label: Key; name: string; value: string; search?: boolean; placeholder?: string; onInput: (value: string) => void }) {
  const common = { name: props.name, value: props.value, placeholder: props.placeholder, onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value) };
  return (
    <label>
      {t(props.label)}
      {props.search ? <input type="search" {...common} /> : <input type="text" {...common} />}
    </label>
  );
}
