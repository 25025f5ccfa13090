// Charts of the dashboard, drawn by ECharts. Only the parts used are imported, and this module is
// loaded by the dashboard alone (a dynamic import), so the other pages do not carry it.
import { init, use, type ComposeOption } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Option = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface Series {
  name: string;
  values: number[];
  color: string;
  // Lines are told apart by more than their colour: the mark at each point and the dash.
  symbol?: 'circle' | 'rect' | 'triangle';
  dashed?: boolean;
}

export interface Chart {
  dispose(): void;
}

const FONT = "system-ui, -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

function draw(el: HTMLElement, option: Option): Chart {
  const chart = init(el, null, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT, color: '#1f2329' },
    legend: { top: 0, type: 'scroll' },
    // Drawn in the chart itself: no HTML is built for the tooltip.
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    ...option,
  });
  const resize = new ResizeObserver(() => chart.resize());
  resize.observe(el);
  return {
    dispose() {
      resize.disconnect();
      chart.dispose();
    },
  };
}

// A department's name on lines that break between words, not inside them: after the place
// (南京市 / 玄武区) and then every 9 characters of what is left.
export function labelLines(name: string): string {
  const m = /^(.*?[省市州盟])?(.*?[区县旗])?(.*)$/u.exec(name);
  const parts = (m ? [m[1], m[2], m[3]] : [name]).filter((p): p is string => Boolean(p));
  const lines: string[] = [];
  for (const part of parts) {
    const chars = [...part];
    for (let i = 0; i < chars.length; i += 9) lines.push(chars.slice(i, i + 9).join(''));
  }
  return lines.join('\n');
}

// Horizontal bars, one row of bars per category: long department names stay readable on a
// phone.
export function barChart(el: HTMLElement, categories: string[], series: Series[]): Chart {
  // Room for every bar: the chart grows with the number of categories.
  el.style.height = `${Math.max(200, 80 + categories.length * (series.length * 20 + 24))}px`;
  return draw(el, {
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: categories,
      inverse: true,
      axisLabel: { formatter: labelLines },
    },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, itemStyle: { color: s.color }, barMaxWidth: 18 })),
  });
}

// Lines over time (months along the bottom).
export function lineChart(el: HTMLElement, categories: string[], series: Series[]): Chart {
  return draw(el, {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: categories, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.values,
      itemStyle: { color: s.color },
      lineStyle: { color: s.color, width: 2, type: s.dashed ? 'dashed' : 'solid' },
      symbol: s.symbol ?? 'circle',
      symbolSize: 7,
    })),
  });
}
