import { useEffect, useRef } from 'preact/hooks';
import { useLang } from '../i18n';
import type { ChartOption } from './option-type';
import { FONT } from './theme';

type ECharts = ReturnType<typeof import('./echarts').init>;
let loading: Promise<typeof import('./echarts')> | undefined;
const echarts = () => (loading ??= import('./echarts'));

/**
 * One ECharts canvas. Made again when the language changes (the locale is fixed at
 * init), resized with its box. `label` is what a screen reader hears instead.
 */
export function Chart(props: { option: ChartOption; height: number; label: string; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const lang = useLang();
  const chart = useRef<ECharts | null>(null);
  const option = useRef(props.option);
  option.current = props.option;

  const draw = (c: ECharts) => c.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option.current }, { notMerge: true });

  useEffect(() => {
    let gone = false;
    let observer: ResizeObserver | undefined;
    void echarts().then(({ init }) => {
      if (gone || !box.current) return;
      const c = init(box.current, null, { renderer: 'canvas', locale: lang === 'zh' ? 'ZH' : 'EN' });
      chart.current = c;
      draw(c);
      observer = new ResizeObserver(() => c.resize());
      observer.observe(box.current);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [lang]);

  useEffect(() => {
    if (chart.current) draw(chart.current);
  }, [props.option]);

  return <div ref={box} class="chart" style={{ height: `${props.height}px` }} role="img" aria-label={props.label} data-testid={props.testId} />;
}
