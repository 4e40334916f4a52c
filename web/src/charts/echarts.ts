import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the pages draw: two charts and three components rather than all of ECharts.
// The canvas renderer writes no inline styles or scripts, so the page's CSP ('self'
// only) holds. The Chinese locale (ZH) is built into echarts/core; init picks it.
// Loaded on the first chart (Chart.tsx), so sign-in and the lists do not wait for it.
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
