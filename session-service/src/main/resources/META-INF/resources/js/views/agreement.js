// How often the machine and the team's interviewers agree: for the team, per question and rubric
// version, and per grader, model and prompt version; versions that agree less than the one before are flagged.
import { optional } from '../api.js';
import { formatDay, h, page, replace } from '../dom.js';
import { errorBox, notice, unavailable } from './common.js';

const pct = (v) => (v === null || v === undefined ? '–' : `${Math.round(v * 100)} %`);
const num = (v, d = 2) => (v === null || v === undefined ? '–' : Number(v).toFixed(d));
const signed = (v) => (v === null || v === undefined ? '–' : `${v > 0 ? '+' : ''}${Number(v).toFixed(1)}`);

const FIGURES = [
  ['Reviewed', (f) => String(f.reviewed ?? '–')],
  ['Overridden', (f) => String(f.overridden ?? '–')],
  ['Key points kept', (f) => pct(f.keyPointsKept)],
  ['Criteria kept', (f) => pct(f.criteriaKept)],
  ['Spearman', (f) => num(f.spearman)],
  ['Weighted kappa', (f) => num(f.quadraticWeightedKappa)],
  ['Mean difference', (f) => signed(f.meanSignedDifference)],
  ['Tendency', (f) => f.tendency || '–'],
];

function table(caption, rows, lead) {
  if (!rows || !rows.length) return null;
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', null, h('caption', null, caption),
      h('thead', null, h('tr', null, [...lead.map(([t]) => t), ...FIGURES.map(([t]) => t)].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, rows.map((r) => h('tr', null,
        lead.map(([, get], i) => (i === 0 ? h('th', { scope: 'row' }, get(r)) : h('td', null, get(r)))),
        FIGURES.map(([, get]) => h('td', { class: 'num' }, get(r.figures || {}))))))));
}

export async function render(main) {
  const out = h('div', { 'aria-live': 'polite' }, h('p', { class: 'hint' }, 'Loading…'));
  page(main, 'Agreement', h('p', { class: 'lead' },
    'Machine grades against interviewers\' reviews. The mean difference is machine minus reviewer: above zero, the grader is lenient.'), out);
  try {
    const res = await optional('grader', '/api/agreement');
    if (!res.available) {
      replace(out, unavailable('Agreement figures', res.error));
      return;
    }
    const d = res.data || {};
    const s = d.summary || {};
    const parts = [];
    (d.regressions || []).forEach((r) => parts.push(notice(`${r.grader} ${r.model} (${r.promptVersion}) agrees less than ${r.previousModel} (${r.previousPromptVersion}): ${r.metric} ${num(r.previous)} → ${num(r.current)}.`, 'warn')));
    parts.push(h('section', { class: 'card' }, h('h2', null, 'The team'),
      s.reviewed ? h('dl', { class: 'facts' }, FIGURES.map(([t, get]) => [h('dt', null, t), h('dd', null, get(s))]))
        : h('p', null, 'No reviewed answers yet: review grades from the queue and the figures appear here.')));
    parts.push(table('Per question and rubric version', d.questions, [['Question', (r) => r.questionId], ['Rubric', (r) => `v${r.rubricVersion}`]]));
    parts.push(table('Per grader, model and prompt version', d.graders, [['Grader', (r) => r.grader], ['Model', (r) => r.model],
      ['Prompt', (r) => r.promptVersion], ['Since', (r) => formatDay(r.firstGradedAt)]]));
    replace(out, parts);
  } catch (e) {
    replace(out, errorBox(e));
  }
}
