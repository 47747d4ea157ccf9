// Small SVG charts drawn with DOM calls (no inline markup, no inline styles): bars for category
// scores, a line for a trend. Each comes with its figures as text for screen readers.
import { h, svg } from './dom.js';
import { categoryName } from './views/common.js';

/** Horizontal bars, one per category, 0-100. */
export function categoryBars(categories, caption = 'Score per category') {
  // Drawn for the width it gets: on a phone the labels narrow instead of the whole chart shrinking.
  const narrow = window.innerWidth < 600;
  const rowH = 30;
  const labelW = narrow ? 112 : 170;
  const width = narrow ? Math.max(280, Math.min(560, window.innerWidth - 56)) : 560;
  const barW = width - labelW - 50;
  const height = Math.max(1, categories.length) * rowH + 24;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart bars', role: 'img', 'aria-label': `${caption}: `
      + categories.map((c) => `${categoryName(c.category)} ${c.score ?? 'not graded'}`).join(', ') });
  [0, 50, 100].forEach((t) => {
    const x = labelW + (barW * t) / 100;
    chart.append(svg('line', { x1: x, x2: x, y1: 0, y2: height - 20, class: 'grid' }),
      svg('text', { x, y: height - 6, class: 'tick', 'text-anchor': 'middle' }, String(t)));
  });
  categories.forEach((c, i) => {
    const y = i * rowH + 4;
    const label = categoryName(c.category);
    chart.append(svg('text', { x: labelW - 8, y: y + 16, class: 'label', 'text-anchor': 'end' },
      label.length > (narrow ? 15 : 24) ? `${label.slice(0, narrow ? 14 : 23)}…` : label, svg('title', null, label)));
    chart.append(svg('rect', { x: labelW, y, width: barW, height: 20, class: 'track', rx: 3 }));
    if (c.score !== null && c.score !== undefined) {
      chart.append(svg('rect', { x: labelW, y, width: Math.max(2, (barW * c.score) / 100), height: 20, class: `bar ${band(c.score)}`, rx: 3 }));
      chart.append(svg('text', { x: labelW + barW + 8, y: y + 16, class: 'value' }, String(c.score)));
    } else {
      chart.append(svg('text', { x: labelW + 8, y: y + 16, class: 'value muted' }, 'not graded yet'));
    }
  });
  return h('figure', { class: 'figure' }, chart, h('figcaption', null, caption));
}

export function band(score) {
  if (score >= 75) return 'good';
  if (score >= 50) return 'fair';
  return 'weak';
}

/** A small line of scores over time (oldest first); points are {at, score}. */
export function sparkline(points, label) {
  const w = 160;
  const hgt = 36;
  const pad = 4;
  const valid = points.filter((p) => p.score !== null && p.score !== undefined);
  const el = svg('svg', { viewBox: `0 0 ${w} ${hgt}`, class: 'chart spark', role: 'img',
    'aria-label': `${label}: ${valid.map((p) => p.score).join(', ') || 'no scores yet'}` });
  el.append(svg('line', { x1: 0, x2: w, y1: hgt / 2, y2: hgt / 2, class: 'grid' }));
  if (!valid.length) return el;
  const x = (i) => (valid.length === 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (valid.length - 1));
  const y = (s) => hgt - pad - ((hgt - 2 * pad) * s) / 100;
  el.append(svg('polyline', { points: valid.map((p, i) => `${x(i)},${y(p.score)}`).join(' '), class: 'line' }));
  valid.forEach((p, i) => el.append(svg('circle', { cx: x(i), cy: y(p.score), r: 2.5, class: 'dot' })));
  return el;
}
