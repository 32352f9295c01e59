// A horizontal bar chart drawn as inline SVG from the numbers (no library, no inline style: the CSP
// allows neither). It is one image with a text alternative that reads every bar; the same numbers
// stand in a table beside it.
import { uid } from './dom.js';

const svgNamespace = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export interface Bar {
  label: string;
  value: number;
  /** The value as people read it: "87 %", "37 spørgsmål". */
  text: string;
}

/** @example barChart('Nøgletal', bars, 1) — `max` is the value of a full-width bar. */
export function barChart(title: string, bars: Bar[], max: number): SVGSVGElement {
  const labelWidth = 300;
  const barWidth = 360;
  const valueWidth = 120;
  const row = 30;
  const width = labelWidth + barWidth + valueWidth;
  const height = Math.max(1, bars.length) * row + 8;
  const titleId = uid('chart');
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleId, class: 'chart', focusable: 'false' });
  chart.append(svg('title', { id: titleId }, `${title}: ${bars.map((bar) => `${bar.label} ${bar.text}`).join('; ')}`));
  bars.forEach((bar, index) => {
    const y = 4 + index * row;
    const length = max <= 0 ? 0 : Math.max(0, Math.min(1, bar.value / max)) * barWidth;
    const label = bar.label.length > 38 ? `${bar.label.slice(0, 37)}…` : bar.label;
    chart.append(
      svg('text', { x: labelWidth - 8, y: y + row / 2 + 5, 'text-anchor': 'end', class: 'chart-label' }, label),
      svg('rect', { x: labelWidth, y: y + 4, width: barWidth, height: row - 10, class: 'chart-track' }),
      svg('rect', { x: labelWidth, y: y + 4, width: length.toFixed(1), height: row - 10, class: 'chart-bar' }),
      svg('text', { x: labelWidth + barWidth + 8, y: y + row / 2 + 5, class: 'chart-value' }, bar.text),
    );
  });
  return chart;
}
