/** RTT between every pair of the estate's places, as a heatmap on the page's one RTT scale. */
import * as Plot from '@observablehq/plot';
import { h } from '../dom.js';
import { inkOn, ms, rttColor, rttColorScale } from '../rtt.js';
import { defineView } from '../view.js';
import { nameChart } from './chart-name.js';

interface Cell {
  readonly from: string;
  readonly to: string;
  readonly rttMs: number;
}

export const matrixView = defineView({
  id: 'matrix',
  title: 'RTT between the places',
  needs: 'matrix',
  slot: 'main',
  caption: 'Best physical RTT in ms from the row to the column, over every link the estate and AWS offer.',
  render(matrix) {
    const ids = matrix.places;
    const cells: Cell[] = [];
    ids.forEach((from, i) => {
      ids.forEach((to, j) => {
        if (i !== j) cells.push({ from, to, rttMs: matrix.rttMs[i]?.[j] ?? Number.NaN });
      });
    });
    const longest = Math.max(...ids.map((id) => id.length));
    const cellPx = 42;
    const margin = Math.ceil(longest * 6.2) + 12;
    const marginTop = Math.ceil(longest * 6.2 * 0.72) + 14;
    const marginRight = Math.ceil(longest * 6.2 * 0.72);
    const dark = (c: Cell) => inkOn(rttColor(c.rttMs)) === '#fff';
    const chart = Plot.plot({
      width: margin + ids.length * cellPx + marginRight,
      height: marginTop + ids.length * cellPx + 10,
      marginLeft: margin,
      marginTop,
      marginBottom: 10,
      marginRight,
      x: { domain: ids, axis: 'top', tickRotate: -45, label: null, tickSize: 0 },
      y: { domain: ids, label: null, tickSize: 0 },
      color: rttColorScale,
      style: { fontSize: '11px', fontFamily: 'inherit' },
      marks: [
        Plot.cell(
          ids.map((id) => ({ from: id, to: id })),
          { x: 'to', y: 'from', fill: '#f1f3f5', inset: 0.5 },
        ),
        Plot.cell(cells, {
          x: 'to',
          y: 'from',
          fill: 'rttMs',
          inset: 0.5,
          title: (c: Cell) => `${c.from} → ${c.to}: ${ms(c.rttMs)} ms`,
        }),
        Plot.text(cells, {
          x: 'to',
          y: 'from',
          text: (c: Cell) => ms(c.rttMs),
          fill: '#fff',
          filter: dark,
        }),
        Plot.text(cells, {
          x: 'to',
          y: 'from',
          text: (c: Cell) => ms(c.rttMs),
          fill: '#111',
          filter: (c: Cell) => !dark(c),
        }),
      ],
    });
    return h(
      'div',
      { class: 'chart matrix-chart' },
      nameChart(chart, 'Heatmap: the RTT in ms from each place (row) to each other place (column)'),
    );
  },
});
