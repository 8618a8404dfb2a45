/** How each users' metro reaches the estate's internet-facing places: RTT per place, nearest first. */
import * as Plot from '@observablehq/plot';
import { h } from '../dom.js';
import type { ReportUsers } from '../report.js';
import { ms, percent, rttColorScale } from '../rtt.js';
import { defineView } from '../view.js';
import { fitWidth } from './fit-width.js';

interface Bar {
  readonly metro: string;
  readonly place: string;
  readonly rttMs: number;
  readonly nearest: boolean;
}

export const usersView = defineView({
  id: 'users',
  title: "Users' reach",
  needs: 'users',
  slot: 'main',
  caption: "RTT from each users' metro to the estate's internet-facing places; the nearest is in bold.",
  render(users) {
    const bars: Bar[] = users.flatMap((u) =>
      u.reach.map((r, i) => ({
        metro: `${u.name} · ${percent(u.share)}`,
        place: r.place,
        rttMs: r.rttMs,
        nearest: i === 0 || r.rttMs === u.reach[0]?.rttMs,
      })),
    );
    const places = [...new Set(bars.map((b) => b.place))];
    if (bars.length === 0)
      return h(
        'p',
        { class: 'muted' },
        `${users.map((u) => `${u.name} (${percent(u.share)})`).join(', ')}: the estate has no internet-facing place (a region, an AZ, a Local Zone or a site with internet) to reach.`,
      );
    const longest = Math.max(...places.map((p) => p.length));
    const max = Math.max(...bars.map((b) => b.rttMs));
    const marginLeft = Math.ceil(longest * 6.3) + 14;
    const draw = (width: number) =>
      Plot.plot({
        width,
        height: 50 + users.length * (places.length * 20 + 30),
        marginLeft,
        marginRight: 50,
        x: { label: 'RTT (ms)', grid: true, domain: [0, max * 1.08] },
        y: { domain: places, label: null, tickSize: 0 },
        fy: {
          domain: users.map((u) => `${u.name} · ${percent(u.share)}`),
          label: null,
          axis: null,
          padding: 0.22,
        },
        facet: { marginTop: 30 },
        color: rttColorScale,
        style: { fontSize: '11px', fontFamily: 'inherit' },
        marks: [
          Plot.frame({ anchor: 'bottom', stroke: '#ddd' }),
          Plot.text(users, {
            fy: (u: ReportUsers) => `${u.name} · ${percent(u.share)}`,
            text: (u: ReportUsers) => `${u.name} · ${percent(u.share)} of users`,
            frameAnchor: 'top-left',
            textAnchor: 'start',
            dy: -18,
            dx: -marginLeft,
            fontWeight: 600,
            fontSize: 12,
          }),
          Plot.barX(bars, {
            x: 'rttMs',
            y: 'place',
            fy: 'metro',
            fill: 'rttMs',
            insetTop: 3,
            insetBottom: 3,
          }),
          ...[true, false].map((nearest) =>
            Plot.text(bars, {
              filter: (b: Bar) => b.nearest === nearest,
              x: 'rttMs',
              y: 'place',
              fy: 'metro',
              text: (b: Bar) => ms(b.rttMs),
              dx: 4,
              textAnchor: 'start',
              fontWeight: nearest ? 700 : 400,
            }),
          ),
        ],
      });
    return fitWidth(
      'users-chart',
      300,
      "Bar chart: the RTT in ms from each users' metro to each internet-facing place",
      draw,
    );
  },
});
