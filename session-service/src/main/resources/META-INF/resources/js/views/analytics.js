// Team analytics: one candidate's sessions over time with per-category trends; candidates side by side.
import { optional } from '../api.js';
import { sparkline } from '../chart.js';
import { field, h, page, replace, formatDay } from '../dom.js';
import { categoryName, errorBox, facts, genericTable, rowsOf, unavailable } from './common.js';

function trends(data) {
  // Sessions over time, each with per-category scores, become one sparkline per category.
  const sessions = rowsOf(data).filter((s) => s && (s.categories || s.categoryScores));
  const byCat = new Map();
  sessions.forEach((s) => {
    const cats = s.categories || s.categoryScores;
    const entries = Array.isArray(cats) ? cats.map((c) => [c.category, c.score]) : Object.entries(cats);
    entries.forEach(([c, score]) => {
      if (!byCat.has(c)) byCat.set(c, []);
      byCat.get(c).push({ at: s.createdAt || s.at, score });
    });
  });
  if (!byCat.size) return null;
  return h('ul', { class: 'spark-list' }, [...byCat.entries()].map(([c, pts]) => h('li', null,
    h('span', { class: 'spark-label' }, categoryName(c)), sparkline(pts, `${categoryName(c)} over time`),
    h('span', { class: 'num' }, String(pts[pts.length - 1].score ?? '–')))));
}

export async function render(main) {
  const who = h('input', { name: 'candidate', required: true, autocomplete: 'off' });
  const compare = h('input', { name: 'compare', placeholder: 'alice, bob', autocomplete: 'off' });
  const one = h('div', { 'aria-live': 'polite' });
  const many = h('div', { 'aria-live': 'polite' });
  const f1 = h('form', { class: 'card', id: 'candidate-form' }, h('h2', null, 'One candidate over time'),
    field('Candidate', who), h('button', { type: 'submit' }, 'Show'), one);
  const f2 = h('form', { class: 'card', id: 'compare-form' }, h('h2', null, 'Compare candidates'),
    field('Candidates (comma-separated)', compare), h('button', { type: 'submit' }, 'Compare'), many);
  page(main, 'Team analytics', f1, f2);

  f1.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    replace(one, h('p', { class: 'hint' }, 'Loading…'));
    try {
      const res = await optional('session', `/api/analytics/candidates/${encodeURIComponent(who.value.trim())}`);
      if (!res.available) {
        replace(one, res.error.status === 404 && res.error.problem && res.error.problem.detail && !/no such resource/i.test(res.error.problem.detail)
          ? errorBox(res.error) : unavailable('Candidate analytics', res.error));
        return;
      }
      const rows = rowsOf(res.data);
      replace(one, facts(res.data), trends(res.data),
        rows.length ? genericTable('Sessions', rows, (k, r) => (k === 'createdAt' ? formatDay(r.createdAt) : undefined)) : null);
    } catch (e) {
      replace(one, errorBox(e));
    }
  });

  f2.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const names = compare.value.split(',').map((x) => x.trim()).filter(Boolean);
    replace(many, h('p', { class: 'hint' }, 'Loading…'));
    try {
      const res = await optional('session', `/api/analytics/compare?candidates=${encodeURIComponent(names.join(','))}`);
      if (!res.available) {
        replace(many, unavailable('Comparing candidates', res.error));
        return;
      }
      replace(many, genericTable('Candidates side by side', rowsOf(res.data)));
    } catch (e) {
      replace(many, errorBox(e));
    }
  });
}
