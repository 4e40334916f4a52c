import type { Overview } from '../../api/types';
import { count } from '../../format';
import { t, type Key } from '../../i18n';
import { href } from '../../router';

/** The four counts, each a link to the machines it counts. */
export function Totals(props: { overview: Overview }) {
  const { totals, unit } = props.overview;
  const cards: { key: Key; value: number; query: Record<string, string>; tone: string }[] = [
    { key: 'totals.machines', value: totals.machines, query: {}, tone: '' },
    // The overview counts licensed and unauthorized among the machines reporting, as the forms do.
    { key: 'totals.licensed', value: totals.licensed, query: { status: 'licensed', reporting: 'true' }, tone: 'good' },
    { key: 'totals.unauthorized', value: totals.unauthorized, query: { status: 'unauthorized', reporting: 'true' }, tone: 'bad' },
    { key: 'totals.notReporting', value: totals.notReporting, query: { reporting: 'false' }, tone: 'warn' },
  ];
  return (
    <div class="totals">
      {cards.map((c) => (
        <a key={c.key} class={`total ${c.tone}`} href={href(['machines'], { unit: unit.name, ...c.query })} data-testid={c.key}>
          <span class="figure">{count(c.value)}</span>
          <span class="label">{t(c.key)}</span>
        </a>
      ))}
    </div>
  );
}
