// The interviewer's review of a grade: accept it, or override key point verdicts and criterion levels,
// with a comment and a reason. Posted to grader-service, which keeps the machine's evaluation and makes
// the review the grade of record.
import { ApiError, call } from '../api.js';
import { field, h, replace, uid } from '../dom.js';
import { busy, errorBox, notice, unavailable } from './common.js';

const VERDICTS = [['COVERED', 'Covered'], ['PARTIAL', 'Partly covered'], ['MISSING', 'Missing']];

export function reviewForm(answerId, evaluation, onSaved) {
  const keyPoints = Array.isArray(evaluation.keyPoints) ? evaluation.keyPoints : [];
  const criteria = Array.isArray(evaluation.criteria) ? evaluation.criteria : [];
  const status = h('div', { 'aria-live': 'polite' });
  const kpSelects = keyPoints.map((kp, i) => {
    const s = h('select', { name: `kp-${kp.id}`, dataset: { id: kp.id } },
      VERDICTS.map(([v, t]) => h('option', { value: v, selected: kp.status === v }, t)));
    return field(`Key point ${i + 1}: ${kp.text}`, s);
  });
  const critSelects = criteria.map((c) => {
    const levels = [];
    for (let l = 0; l <= (c.maxLevel || 0); l += 1) levels.push(h('option', { value: String(l), selected: c.level === l }, `${l} of ${c.maxLevel}`));
    return field(`${c.name || c.id}`, h('select', { name: `crit-${c.id}`, dataset: { id: c.id } }, levels));
  });
  const comment = h('textarea', { name: 'comment', rows: '3', maxlength: '4000' });
  const reason = h('input', { name: 'reason', maxlength: '500', placeholder: 'e.g. evidence missed by the grader' });
  const accept = h('button', { type: 'button', name: 'accept' }, 'Accept the grade');
  const override = h('button', { type: 'submit', class: 'primary', name: 'override' }, 'Save override');
  const id = uid('review');
  const form = h('form', { class: 'review-form', 'aria-labelledby': id },
    h('fieldset', null, h('legend', null, 'Key point verdicts'), kpSelects),
    critSelects.length ? h('fieldset', null, h('legend', null, 'Criterion levels'), critSelects) : null,
    field('Comment (shown with the reviewed grade)', comment),
    field('Reason for the change', reason),
    h('div', { class: 'actions' }, override, accept),
    status);

  async function send(action) {
    const body = {
      action,
      keyPoints: [...form.querySelectorAll('select[name^="kp-"]')].map((s) => ({ id: s.dataset.id, status: s.value })),
      criteria: [...form.querySelectorAll('select[name^="crit-"]')].map((s) => ({ id: s.dataset.id, level: Number(s.value) })),
      comment: comment.value.trim() || null,
      reason: reason.value.trim() || null,
    };
    if (action === 'ACCEPT') {
      delete body.keyPoints;
      delete body.criteria;
    }
    [accept, override].forEach((b) => busy(b, true));
    replace(status);
    try {
      const saved = await call('grader', `/api/evaluations/${encodeURIComponent(answerId)}/reviews`, { method: 'POST', body });
      replace(status, notice(action === 'ACCEPT' ? 'Grade accepted.'
        : `Override saved${saved && saved.gradeOfRecord && saved.gradeOfRecord.score !== undefined ? `: new score ${saved.gradeOfRecord.score}` : ''}. The report shows it as soon as it arrives.`, 'ok'));
      if (onSaved) onSaved(saved);
    } catch (e) {
      replace(status, e instanceof ApiError && (e.status === 405 || (e.status === 404 && !e.problem?.errors))
        ? unavailable('Reviewing grades', e) : errorBox(e));
    } finally {
      [accept, override].forEach((b) => busy(b, false));
    }
  }

  form.addEventListener('submit', (ev) => { ev.preventDefault(); send('OVERRIDE'); });
  accept.addEventListener('click', () => send('ACCEPT'));
  return h('details', { class: 'review' }, h('summary', { id }, 'Review this grade: accept it or override verdicts'), form);
}
