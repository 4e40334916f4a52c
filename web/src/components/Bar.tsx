import { percent } from '../format';

/** A share drawn as a bar with its figure beside it; red below `warnBelow`. */
export function RateBar(props: { rate: number | null; warnBelow?: number }) {
  const { rate } = props;
  const low = rate !== null && rate < (props.warnBelow ?? 1);
  return (
    <span class="ratebar">
      <span class="track">
        <span class={low ? 'fill low' : 'fill'} style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
      </span>
      <span class="figure">{percent(rate, 1)}</span>
    </span>
  );
}

/** Used and free seats of a licence, or any part of a whole; `bad` draws the part in red. */
export function SplitBar(props: { used: number; total: number; label: string; bad?: boolean }) {
  const share = props.total > 0 ? Math.min(1, props.used / props.total) : 1;
  return (
    <span class="ratebar" title={props.label}>
      <span class="track">
        <span class={props.bad || props.used > props.total ? 'fill low' : 'fill'} style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      <span class="figure">{props.label}</span>
    </span>
  );
}
