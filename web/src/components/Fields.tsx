import { t, type Key } from '../i18n';

export interface Option {
  value: string;
  label: string;
  /** Neighbouring options of the same group are shown under its heading (an optgroup). */
  group?: string;
}

/** Options under their groups' headings, in the order given. */
function grouped(options: Option[]) {
  const runs: { group: string | undefined; options: Option[] }[] = [];
  for (const o of options) {
    const last = runs[runs.length - 1];
    if (last && last.group === o.group) last.options.push(o);
    else runs.push({ group: o.group, options: [o] });
  }
  const list = (os: Option[]) =>
    os.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return runs.map((r, i) => (r.group === undefined ? list(r.options) : <optgroup key={`g${i}`} label={r.group}>{list(r.options)}</optgroup>));
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
        {grouped(props.options)}
      </select>
    </label>
  );
}

/** A labelled line of text: words, a search, a figure or a day. */
export function TextField(props: { label: Key; name: string; value: string; type?: 'text' | 'search' | 'number' | 'date' | 'tel'; step?: string; wide?: boolean; placeholder?: string; onInput: (value: string) => void }) {
  return (
    <label class={props.wide ? 'wide' : undefined}>
      {t(props.label)}
      {/* Preact types an input's attributes by its type; these share the ones used here. */}
      <input
        type={(props.type ?? 'text') as 'text'}
        name={props.name}
        value={props.value}
        step={props.step}
        placeholder={props.placeholder}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </label>
  );
}
