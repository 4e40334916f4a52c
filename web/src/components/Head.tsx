import { t, type Key } from '../i18n';

/** A column heading: its words, and `num` (figures, right-aligned) or `bar` (a drawn share). */
export type Column = Key | [Key, 'num' | 'bar'];

/** A table's heading row from the keys of its words. */
export function Head(props: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((c) => {
          const [key, kind] = typeof c === 'string' ? [c, undefined] : c;
          return (
            <th key={key} class={kind === 'num' ? 'num' : kind === 'bar' ? 'bar-col' : undefined}>
              {t(key)}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
