import { describe, expect, it } from 'vitest';
import {
  escapeXml,
  heatmap,
  lineChart,
  rollRateChart,
  rollRateMatrix,
  stackedBars,
  toMonth,
} from '../../src/monitoring/index.js';

describe('SVG charts', () => {
  it('draws one path per series, breaks lines at NaN and escapes text', () => {
    const svg = lineChart({
      title: 'A <b> & "c"',
      xLabels: ['0', '1', '2', '3'],
      series: [
        { name: 's1', values: [0, 0.1, Number.NaN, 0.3] },
        { name: 's2', values: [0, 0.2, 0.2, 0.2] },
      ],
      yFormat: 'percent',
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain(escapeXml('A <b> & "c"'));
    expect(svg).not.toContain('<b>');
    const paths = [...svg.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(2);
    expect(paths[0]!.match(/M/g)).toHaveLength(2); // the NaN splits the first line in two
    expect(paths[1]!.match(/M/g)).toHaveLength(1);
    expect(svg).toContain('30%'); // y axis tops at a nice 30%
  });

  it('renders a roll-rate heat map cell per from/to pair', () => {
    const book = {
      loans: 2,
      months: 2,
      firstMonth: toMonth('2024-01'),
      originMonth: Int32Array.of(toMonth('2024-01'), toMonth('2024-01')),
      bucket: Uint8Array.of(0, 1, 1, 0),
    };
    const svg = rollRateChart(rollRateMatrix(book));
    expect((svg.match(/<rect x=/g) ?? []).length).toBe(8 * 9);
    expect(svg).toContain('100%');
    const hm = heatmap({ title: 't', rowLabels: ['a'], colLabels: ['x', 'y'], values: [[1, Number.NaN]] });
    expect((hm.match(/<rect x=/g) ?? []).length).toBe(2);
  });

  it('stacks bars and leaves out omitted series', () => {
    const svg = stackedBars({
      title: 't',
      categories: ['m1', 'm2'],
      seriesLabels: ['a', 'b', 'c'],
      values: [
        [1, 2, 3],
        [4, 5, 6],
      ],
      omit: [0],
    });
    expect((svg.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height/g) ?? []).length).toBe(2 * 2 + 2);
    expect(svg).not.toContain('>a<');
  });
});
