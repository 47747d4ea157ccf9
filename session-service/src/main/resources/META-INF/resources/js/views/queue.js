// The review queue: the team's evaluations that most need a person, ordered by need, with the reason.
import { optional } from '../api.js';
import { h, page, replace } from '../dom.js';
import { errorBox, genericTable, rowsOf, unavailable } from './common.js';

function reasons(r) {
  const list = r.reasons || (r.reason ? [r.reason] : []);
  return (Array.isArray(list) ? list : [list]).map((x) => (typeof x === 'string' ? x : x.detail || x.code || x.kind || JSON.stringify(x))).join('; ');
}

export async function render(main) {
  const out = h('div', { 'aria-live': 'polite' }, h('p', { class: 'hint' }, 'Loading…'));
  page(main, 'Review queue', h('p', { class: 'lead' }, 'Grades that most need a person: failures, suspected injection, red flags, low confidence, scores near a boundary.'), out);
  try {
    const res = await optional('grader', '/api/review-queue');
    if (!res.available) {
      replace(out, unavailable('The review queue', res.error));
      return;
    }
    const rows = rowsOf(res.data);
    if (!rows.length) {
      replace(out, h('p', null, 'Nothing waits for a review.'));
      return;
    }
    replace(out, genericTable(`Waiting for review (${rows.length}), most needed first`, rows, (key, row) => {
      if (key === 'sessionId' && row.sessionId) {
        return h('a', { href: `#/team/sessions/${row.sessionId}` }, 'Open the session');
      }
      if (key === 'reasons' || key === 'reason') return reasons(row);
      return undefined;
    }));
  } catch (e) {
    replace(out, errorBox(e));
  }
}
