// The review queue: the team's evaluations that most need a person, ordered by need, with the reasons.
import { optional } from '../api.js';
import { formatDate, h, page, replace } from '../dom.js';
import { errorBox, rowsOf, statusBadge, unavailable } from './common.js';

function reasonText(r) {
  if (typeof r === 'string') return r;
  return r.detail || String(r.code || '').toLowerCase().replace(/_/g, ' ');
}

export async function render(main) {
  const out = h('div', { 'aria-live': 'polite' }, h('p', { class: 'hint' }, 'Loading…'));
  page(main, 'Review queue', h('p', { class: 'lead' },
    'Grades that most need a person, most needed first: failures, suspected injection, red flags, rejected evidence, scores near a boundary, low confidence.'), out);
  try {
    const res = await optional('grader', '/api/review-queue?limit=100');
    if (!res.available) {
      replace(out, unavailable('The review queue', res.error));
      return;
    }
    const items = rowsOf(res.data);
    if (!items.length) {
      replace(out, h('p', null, 'Nothing waits for a review.'));
      return;
    }
    const total = res.data && typeof res.data.total === 'number' ? res.data.total : items.length;
    replace(out, h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Review queue' },
      h('table', { class: 'queue' },
        h('caption', null, `${total} grade${total === 1 ? '' : 's'} waiting for a review${total > items.length ? ` (first ${items.length})` : ''}`),
        h('thead', null, h('tr', null, ['Candidate', 'Question', 'Score', 'Confidence', 'Why it needs a look', 'Graded', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, items.map((it) => h('tr', { dataset: { answer: it.answerId || '' } },
          h('th', { scope: 'row' }, it.candidate || '–'),
          h('td', null, it.questionId || '–', it.rubricVersion ? h('span', { class: 'hint' }, ` v${it.rubricVersion}`) : null),
          h('td', { class: 'num' }, it.score === null || it.score === undefined ? statusBadge(it.status) : String(it.score)),
          h('td', { class: 'num' }, it.confidence === null || it.confidence === undefined ? '–' : Number(it.confidence).toFixed(2)),
          h('td', null, h('ul', { class: 'reasons' }, (it.reasons || []).map((r) => h('li', null, reasonText(r))))),
          h('td', null, formatDate(it.gradedAt)),
          h('td', null, it.sessionId ? h('a', { href: `#/team/sessions/${it.sessionId}` }, 'Review') : null)))))));
  } catch (e) {
    replace(out, errorBox(e));
  }
}
