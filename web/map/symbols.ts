/**
 * One symbol per kind of place, shared by the map and its legend.
 */
import { s } from '../dom.js';
import type { MapPlace } from '../report.js';

export type SymbolKind = 'region' | 'az' | 'local-zone' | 'datacenter' | 'site' | 'dx-location' | 'host';

export const SYMBOL_LABELS: Record<SymbolKind, string> = {
  region: 'Region',
  az: 'Availability Zone',
  'local-zone': 'Local Zone',
  datacenter: 'Data center',
  site: 'Other site (colo, office, edge)',
  'dx-location': 'Direct Connect location',
  host: 'Other place',
};

/** The order markers stack in (lower first: it stays at the true position of a co-located group). */
export const SYMBOL_RANK: Record<SymbolKind, number> = {
  region: 0,
  'local-zone': 1,
  datacenter: 2,
  site: 3,
  'dx-location': 4,
  az: 5,
  host: 6,
};

export function symbolKind(place: MapPlace): SymbolKind | undefined {
  switch (place.kind) {
    case 'metro':
      return undefined;
    case 'edge-location':
      return 'host';
    case 'site':
      return place.siteKind === 'datacenter' ? 'datacenter' : 'site';
    default:
      return place.kind;
  }
}

const FILL: Record<SymbolKind, string> = {
  region: '#1f4e8c',
  az: '#5b8fd0',
  'local-zone': '#7a3ea1',
  datacenter: '#2b2b2b',
  site: '#ffffff',
  'dx-location': '#e07b00',
  host: '#9aa3ad',
};

/** A marker centred on (x, y); `muted` for places a path only passes through. */
export function symbol(kind: SymbolKind, x: number, y: number, muted = false): SVGElement {
  const fill = muted ? '#ffffff' : FILL[kind];
  const stroke = muted
    ? FILL[kind === 'site' ? 'datacenter' : kind]
    : kind === 'site'
      ? '#2b2b2b'
      : '#ffffff';
  const common = { fill, stroke, 'stroke-width': muted || kind === 'site' ? 1.6 : 1.5, class: 'symbol' };
  switch (kind) {
    case 'region':
      return s('circle', { ...common, cx: x, cy: y, r: muted ? 5 : 7 });
    case 'az':
      return s('circle', { ...common, cx: x, cy: y, r: 4 });
    case 'local-zone': {
      const r = muted ? 5.5 : 7;
      return s('path', { ...common, d: `M${x},${y - r}L${x + r},${y}L${x},${y + r}L${x - r},${y}Z` });
    }
    case 'datacenter':
    case 'site': {
      const r = muted ? 4.5 : 5.5;
      return s('rect', { ...common, x: x - r, y: y - r, width: 2 * r, height: 2 * r, rx: 1 });
    }
    case 'dx-location': {
      const r = muted ? 5 : 6.5;
      return s('path', {
        ...common,
        d: `M${x},${y - r}L${x + r * 0.95},${y + r * 0.7}L${x - r * 0.95},${y + r * 0.7}Z`,
      });
    }
    case 'host':
      return s('circle', { ...common, cx: x, cy: y, r: 3.5 });
  }
}

/** Radius in px of a user metro's circle: its area grows with the users' share. */
export function usersRadius(share: number): number {
  return 6 + 30 * Math.sqrt(Math.max(0, Math.min(1, share)));
}
