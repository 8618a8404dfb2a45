/** Lint findings: the seeds' do's and don'ts, each with its rule, what it costs and the fix. */
import { h } from '../dom.js';
import { ms, rttColor } from '../rtt.js';
import { defineView } from '../view.js';

export const findingsView = defineView({
  id: 'findings',
  title: 'Findings',
  needs: 'findings',
  slot: 'main',
  wide: true,
  caption:
    'What `footprint lint` finds, worst first. A cost in ms is the routed RTT as designed minus the RTT as the fix would make it, both traced.',
  render: (findings) =>
    h(
      'table',
      { class: 'findings-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'severity'),
          h('th', {}, 'rule'),
          h('th', { class: 'num' }, 'costs'),
          h('th', {}, 'finding and fix'),
        ),
      ),
      h(
        'tbody',
        {},
        findings.map((f) =>
          h(
            'tr',
            { 'data-finding': f.rule, class: `severity-${f.severity}` },
            h(
              'td',
              {},
              h(
                'span',
                {
                  class: `status ${f.severity === 'error' ? 'fail' : f.severity === 'warning' ? 'warn' : 'note'}`,
                },
                f.severity,
              ),
            ),
            h('td', {}, h('code', {}, f.rule)),
            h(
              'td',
              { class: 'num' },
              f.costMs !== undefined
                ? h(
                    'span',
                    {},
                    h('span', { class: 'swatch', style: `background:${rttColor(f.costMs)}` }),
                    `${ms(f.costMs)} ms`,
                  )
                : h('span', { class: 'muted' }, f.risk ?? ''),
            ),
            h(
              'td',
              {},
              h('div', {}, f.message),
              h('div', { class: 'muted' }, `Fix: ${f.fix}`),
              f.location
                ? h('div', { class: 'muted' }, `${f.location.file}:${f.location.line}:${f.location.col}`)
                : null,
            ),
          ),
        ),
      ),
    ),
});
