// How often the machine and the team's interviewers agree, per question and rubric version, per grader.
import { optional } from '../api.js';
import { h, page, replace } from '../dom.js';
import { errorBox, facts, genericTable, rowsOf, unavailable } from './common.js';

export async function render(main) {
  const out = h('div', { 'aria-live': 'polite' }, h('p', { class: 'hint' }, 'Loading…'));
  page(main, 'Agreement', h('p', { class: 'lead' }, 'Machine grades against interviewers\' reviews: kept verdicts, Spearman, quadratic weighted kappa, mean signed difference.'), out);
  try {
    const res = await optional('grader', '/api/agreement');
    if (!res.available) {
      replace(out, unavailable('Agreement figures', res.error));
      return;
    }
    const data = res.data;
    const parts = [];
    if (data && !Array.isArray(data)) parts.push(h('section', { class: 'card' }, h('h2', null, 'Team summary'), facts(data.summary || data)));
    Object.entries(Array.isArray(data) ? { rows: data } : data || {})
      .filter(([, v]) => Array.isArray(v) && v.length && v.every((x) => x && typeof x === 'object'))
      .forEach(([k, v]) => parts.push(genericTable(k === 'rows' ? 'Agreement' : `Agreement by ${k.replace(/^by/i, '').replace(/([A-Z])/g, ' $1').trim().toLowerCase()}`, v,
        (key, row) => (key === 'flagged' || key === 'dropped' ? (row[key] ? h('strong', { class: 'flag' }, 'dropped below the previous version') : 'no') : undefined))));
    if (!parts.length && !rowsOf(data).length) parts.push(h('p', null, 'No reviewed answers yet.'));
    replace(out, parts);
  } catch (e) {
    replace(out, errorBox(e));
  }
}
