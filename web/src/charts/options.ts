import type { Rates, Reason, TrendPoint } from '../api/types';
import { percent } from '../format';
import { pick, t } from '../i18n';
import type { ChartOption } from './option-type';
import { COLOURS } from './theme';

// What each chart draws, as plain ECharts options built from API figures.

const RATE_KEYS = ['os', 'office', 'antivirus', 'all'] as const;
const rateLabel = (k: (typeof RATE_KEYS)[number]) => t(`rate.${k}`);
const asPercent = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 100);
const percentAxis = { type: 'value' as const, min: 0, max: 100, axisLabel: { formatter: '{value}%' } };

/** The four genuine rates as bars, a null rate (nothing reporting) as no bar. */
export function ratesOption(rates: Rates): ChartOption {
  return {
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { ...percentAxis, show: false },
    yAxis: { type: 'category', inverse: true, data: RATE_KEYS.map(rateLabel), axisTick: { show: false } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(2)}%` : '—') },
    series: [
      {
        type: 'bar',
        barWidth: 18,
        showBackground: true,
        data: RATE_KEYS.map((k) => ({ value: asPercent(rates[k]), itemStyle: { color: COLOURS[k] } })),
        label: { show: true, position: 'right', formatter: (p) => percent(typeof p.value === 'number' ? p.value / 100 : null) },
      },
    ],
  };
}

/** The rates day by day, oldest on the left. */
export function trendOption(points: TrendPoint[]): ChartOption {
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(2)}%` : '—') },
    xAxis: { type: 'category', data: points.map((p) => p.date.slice(5)) },
    yAxis: percentAxis,
    series: RATE_KEYS.map((k) => ({
      type: 'line' as const,
      name: rateLabel(k),
      color: COLOURS[k],
      connectNulls: false,
      showSymbol: points.length < 40,
      data: points.map((p) => asPercent(p.rates[k])),
    })),
  };
}

/** Why machines are unauthorized, the commonest first. */
export function reasonsOption(reasons: Reason[]): ChartOption {
  return {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', show: false, minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: reasons.map((r) => pick(r)), axisTick: { show: false } },
    tooltip: { trigger: 'axis' },
    series: [{ type: 'bar', barWidth: 14, color: COLOURS.all, data: reasons.map((r) => r.machines), label: { show: true, position: 'right' } }],
  };
}
