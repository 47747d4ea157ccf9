// The feedback report: score, a chart per category, feedback per question, and after the reveal the
// reference answers, missed key points and follow-up questions. It updates itself while grading runs.
import { call } from '../api.js';
import { band, categoryBars } from '../chart.js';
import { formatDate, h, page, replace } from '../dom.js';
import { follow } from '../sse.js';
import { categoryName, errorBox, notice, statusBadge } from './common.js';

function list(title, items, cls) {
  if (!items || !items.length) return null;
  return h('div', { class: `fb ${cls || ''}` }, h('h4', null, title), h('ul', null, items.map((t) => h('li', null, t))));
}

function criteriaTable(criteria) {
  if (!criteria || !criteria.length) return null;
  return h('table', { class: 'criteria' },
    h('caption', null, 'Level reached per criterion'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Criterion'), h('th', { scope: 'col' }, 'Level'))),
    h('tbody', null, criteria.map((c) => h('tr', null,
      h('th', { scope: 'row' }, c.name || c.id),
      h('td', null, h('meter', { min: '0', max: String(c.maxLevel), value: String(c.level), 'aria-hidden': 'true' }),
        ` ${c.level} of ${c.maxLevel}`)))));
}

/** One question of the report. Interviewers reuse it inside the session detail. */
export function questionCard(q, revealed, extra) {
  const scoreBox = h('div', { class: `score-box ${q.score !== null && q.score !== undefined ? band(q.score) : 'none'}` },
    h('span', { class: 'score-n' }, q.score !== null && q.score !== undefined ? String(q.score) : '–'),
    h('span', { class: 'score-of' }, q.score !== null && q.score !== undefined ? 'of 100' : (q.status === 'PENDING' ? 'grading' : '')));
  const reviewed = q.gradeSource === 'review' || (q.review && typeof q.review === 'object');
  const parts = [
    h('header', { class: 'q-head' },
      h('div', null,
        h('h3', null, `Question ${q.position}`, h('span', { class: 'meta' }, ` · ${categoryName(q.category)} · ${String(q.difficulty || '').toLowerCase()}`)),
        statusBadge(q.status),
        reviewed ? h('span', { class: 'badge reviewed' }, 'Reviewed by an interviewer') : null),
      scoreBox),
    h('div', { class: 'prompt' }, q.prompt),
  ];
  if (q.answerText) {
    parts.push(h('details', { class: 'answer-text' }, h('summary', null, 'The answer'), h('div', { class: 'answer-body' }, q.answerText)));
  }
  if (q.status === 'FAILED') {
    parts.push(notice(`This answer could not be graded${q.failureReason ? `: ${q.failureReason}` : ''}. It does not count in the score.`, 'warn'));
  }
  if (q.injectionSuspected) {
    parts.push(notice('The answer seemed to give the grader instructions; that part earned no credit.', 'warn'));
  }
  parts.push(criteriaTable(q.criteria));
  parts.push(list('Key points covered', q.keyPointsCovered, 'good'));
  parts.push(list('Partly covered', q.keyPointsPartial, 'fair'));
  if (revealed) {
    parts.push(list('Missed key points', q.keyPointsMissed, 'weak'));
  } else if (q.keyPointsMissedCount > 0) {
    parts.push(h('p', { class: 'hint' }, `${q.keyPointsMissedCount} key point${q.keyPointsMissedCount === 1 ? '' : 's'} missed: shown after the reveal.`));
  }
  parts.push(list('Strengths', q.strengths, 'good'));
  parts.push(list('To improve', q.improvements, 'fair'));
  if (q.feedbackWithheld > 0) {
    parts.push(h('p', { class: 'hint' }, `${q.feedbackWithheld} more feedback item${q.feedbackWithheld === 1 ? '' : 's'} shown after the reveal.`));
  }
  parts.push(list('Red flags', q.redFlags, 'weak'));
  if (revealed && q.referenceAnswer) {
    parts.push(h('div', { class: 'fb reference' }, h('h4', null, 'Reference answer'), h('div', { class: 'prose' }, q.referenceAnswer)));
  }
  if (revealed && Array.isArray(q.followUps) && q.followUps.length) {
    parts.push(list('Follow-up questions to practise', q.followUps.map((f) => (typeof f === 'string' ? f : f.text || f.question || JSON.stringify(f))), 'follow'));
  }
  if (q.review && typeof q.review === 'object') {
    const r = q.review;
    parts.push(h('div', { class: 'fb reviews' }, h('h4', null, `Reviewed by ${r.reviewer || 'an interviewer'}`),
      h('p', null, r.machineScore !== null && r.machineScore !== undefined ? `The grader gave ${r.machineScore}; the reviewed grade is ${q.score ?? '–'}.` : ''),
      r.comment ? h('div', { class: 'prose' }, r.comment) : null));
  }
  if (extra) parts.push(extra);
  return h('article', { class: 'card q-card', id: `q-${q.position}`, dataset: { question: q.questionId, status: q.status } }, parts);
}

export function summary(report) {
  const overall = report.overallScore;
  return h('section', { class: 'card summary', 'aria-label': 'Summary' },
    h('div', { class: `score-box big ${overall !== null && overall !== undefined ? band(overall) : 'none'}`, id: 'overall-score' },
      h('span', { class: 'score-n' }, overall !== null && overall !== undefined ? String(overall) : '–'),
      h('span', { class: 'score-of' }, 'overall, of 100')),
    h('div', { class: 'summary-text' },
      h('p', null, statusBadge(report.status), ' ', report.candidate ? `Candidate ${report.candidate}` : ''),
      h('p', { id: 'progress-label' }, report.progress
        ? `Graded ${report.progress.graded + report.progress.failed} of ${report.progress.answered} answers (${report.progress.questions} questions)` : ''),
      h('p', { class: 'hint' }, `Started ${formatDate(report.createdAt)}${report.completedAt ? ` · completed ${formatDate(report.completedAt)}` : ''}`),
      h('p', { class: 'hint' }, `How the score is made: ${report.scoring || 'mean of the graded answers'}.`)));
}

export async function render(main, { id }) {
  const body = h('div', { class: 'report' });
  const live = h('p', { class: 'hint', 'aria-live': 'polite', id: 'live-state' });
  const actions = h('p', { class: 'actions' });
  let stop = null;
  page(main, 'Report', live, body, actions);

  async function load() {
    const report = await call('session', `/api/sessions/${encodeURIComponent(id)}/report`);
    document.title = `${report.title || 'Report'} · Viva`;
    main.querySelector('h1').textContent = report.title ? `Report: ${report.title}` : 'Report';
    const parts = [summary(report)];
    if (report.revealed) {
      parts.push(notice('Revealed: the reference answers and the key points you missed are shown below.', 'ok'));
    } else if (report.revealNote) {
      // the server says why nothing is revealed yet (still open, grading, or a team that never reveals)
      parts.push(notice(report.revealNote));
    } else if (report.status === 'OPEN') {
      parts.push(notice('The session is still open. Reference answers and missed key points appear once it is completed and every answer is graded.'));
    } else {
      parts.push(notice('Waiting for the last gradings; the reference answers appear as soon as they are done.'));
    }
    if (report.categories && report.categories.length) parts.push(h('section', { class: 'card' }, categoryBars(report.categories)));
    parts.push(h('section', { 'aria-label': 'Questions' }, report.questions.map((q) => questionCard(q, report.revealed))));
    replace(body, parts);
    replace(actions,
      report.status === 'OPEN' ? h('a', { class: 'button', href: `#/sessions/${id}` }, 'Back to the questions') : null,
      ' ', h('a', { href: '#/' }, 'All sessions'));
    const settled = report.revealed || (report.progress && report.progress.pending === 0 && report.status !== 'OPEN');
    if (settled && stop) {
      stop();
      stop = null;
      live.textContent = 'All grading is done.';
    }
    return settled;
  }

  try {
    const settled = await load();
    if (!settled) {
      let pending = false;
      stop = follow(id, async (ev) => {
        // only a change of an answer redraws the report; heartbeats and the snapshot repeat what it shows
        if (ev.type === 'heartbeat' || ev.type === 'snapshot') return;
        if (pending) return;
        pending = true;
        try { await load(); } catch (e) { live.replaceChildren(errorBox(e)); } finally { pending = false; }
      }, (state) => {
        if (state === 'live') live.textContent = 'Grading in progress: this page updates as results arrive.';
        if (state === 'reconnecting') live.textContent = 'Connection lost; reconnecting…';
      });
    } else {
      live.textContent = '';
    }
  } catch (e) {
    replace(body, errorBox(e));
  }
  return () => { if (stop) stop(); };
}
