// An interviewer's view of one session: every answer with its evaluation, the evidence quotes marked
// in the answer text, the grader's reasoning and audit data, and the review form.
import { call } from '../api.js';
import { band } from '../chart.js';
import { formatDate, h, page, replace } from '../dom.js';
import { follow } from '../sse.js';
import { categoryBars } from '../chart.js';
import { categoryName, errorBox, notice, statusBadge } from './common.js';
import { highlightedAnswer } from './evidence.js';
import { summary } from './report.js';
import { reviewForm } from './review.js';

const VERDICT = { COVERED: 'covered', PARTIAL: 'partly covered', MISSING: 'missing' };

function keyPointTable(keyPoints) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Key points' },
    h('table', { class: 'kps' },
      h('caption', null, 'Key points: verdict after the evidence check, and the quotes behind it'),
      h('thead', null, h('tr', null, ['#', 'Key point', 'Verdict', 'Evidence'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, keyPoints.map((kp, i) => h('tr', { class: `kp-${String(kp.status).toLowerCase()}` },
        h('td', { class: 'num' }, String(i + 1)),
        h('th', { scope: 'row' }, kp.text, kp.required ? h('span', { class: 'badge' }, 'required') : null,
          kp.weight ? h('span', { class: 'hint' }, ` weight ${kp.weight}`) : null),
        h('td', null, VERDICT[kp.status] || kp.status,
          kp.claimed && kp.claimed !== kp.status ? h('span', { class: 'hint' }, ` (grader said ${VERDICT[kp.claimed] || kp.claimed})`) : null),
        h('td', null, (kp.evidence || []).length
          ? h('ul', { class: 'quotes' }, kp.evidence.map((e) => {
            const quote = typeof e === 'string' ? e : e.quote;
            const ok = typeof e === 'string' || e.verified !== false;
            return h('li', { class: ok ? 'verified' : 'rejected' }, h('q', null, quote),
              ok ? '' : h('span', { class: 'hint' }, ' not found in the answer; not counted'));
          }))
          : h('span', { class: 'hint' }, 'none')))))));
}

function criteriaList(criteria) {
  if (!Array.isArray(criteria) || !criteria.length) return null;
  return h('div', { class: 'fb' }, h('h4', null, 'Criteria'),
    h('ul', { class: 'criteria-list' }, criteria.map((c) => h('li', null,
      h('strong', null, `${c.name || c.id}: ${c.level} of ${c.maxLevel}`),
      c.claimedLevel !== undefined && c.claimedLevel !== c.level ? h('span', { class: 'hint' }, ` (grader said ${c.claimedLevel})`) : null,
      c.justification ? h('span', null, ` — ${c.justification}`) : null))));
}

function audit(e) {
  const rows = [
    ['Grader', `${e.grader}${e.model ? ` · ${e.model}` : ''}`],
    ['Prompt version', e.promptVersion], ['Rubric version', e.rubricVersion],
    ['Confidence', e.confidence === null || e.confidence === undefined ? null : Number(e.confidence).toFixed(2)],
    ['Tokens', e.totalTokens ? `${e.totalTokens} (${e.promptTokens} in, ${e.completionTokens} out)` : null],
    ['Latency', e.latencyMs !== undefined ? `${e.latencyMs} ms` : null], ['Attempts', e.attempts],
    ['Graded', formatDate(e.createdAt)],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');
  return h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, String(v))]));
}

function reviews(history) {
  const list = Array.isArray(history.reviews) ? history.reviews : [];
  const record = history.gradeOfRecord;
  if (!list.length && !record) return null;
  return h('div', { class: 'fb reviews' },
    record ? h('p', { class: 'grade-of-record' }, h('strong', null, 'Grade of record: '),
      record.source === 'review' ? `${record.score} from ${record.reviewer}'s review` : `${record.score ?? record.status} from the grader`) : null,
    list.length ? h('h4', null, 'Reviews') : null,
    list.length ? h('ul', null, list.map((r) => h('li', null,
      h('strong', null, `${r.action === 'ACCEPT' ? 'Accepted' : 'Overridden'} by ${r.reviewer || 'an interviewer'}`),
      r.reviewedAt || r.createdAt ? ` on ${formatDate(r.reviewedAt || r.createdAt)}` : '',
      r.score !== undefined && r.score !== null ? ` · score ${r.machineScore ?? '–'} → ${r.score}` : '',
      r.reason ? ` · reason: ${r.reason}` : '',
      Array.isArray(r.changes) && r.changes.length ? h('span', { class: 'hint' }, ` · ${r.changes.length} change${r.changes.length === 1 ? '' : 's'}`) : null,
      r.comment ? h('div', { class: 'prose' }, r.comment) : null))) : null);
}

async function evaluationPanel(q, reload) {
  if (!q.answerId) return h('p', { class: 'hint' }, 'Not answered.');
  let history;
  try {
    history = await call('grader', `/api/evaluations/${encodeURIComponent(q.answerId)}`);
  } catch (e) {
    if (e.status === 404) return h('p', { class: 'hint' }, q.status === 'PENDING' ? 'Being graded…' : 'No evaluation yet.');
    return errorBox(e);
  }
  const e = history.latest || history;
  const keyPoints = Array.isArray(e.keyPoints) ? e.keyPoints : [];
  const parts = [
    h('h4', null, 'The answer, with the evidence marked'),
    highlightedAnswer(q.answerText || '', keyPoints),
    keyPointTable(keyPoints),
    criteriaList(e.criteria),
  ];
  if (Array.isArray(e.redFlags) && e.redFlags.length) {
    parts.push(h('div', { class: 'fb weak' }, h('h4', null, 'Red flags hit'),
      h('ul', null, e.redFlags.map((r) => h('li', null, typeof r === 'string' ? r : `${r.text}${r.penalty ? ` (−${r.penalty})` : ''}`)))));
  }
  if (e.injectionSuspected) {
    parts.push(notice(`Suspected prompt injection${e.injectionEvidence ? `: “${e.injectionEvidence}”` : ''}.`, 'warn'));
  }
  if (e.failureReason) parts.push(notice(`Grading failed: ${e.failureReason}`, 'warn'));
  if (e.reasoning) {
    parts.push(h('details', { class: 'reasoning', open: true }, h('summary', null, 'The grader\'s reasoning'), h('div', { class: 'prose' }, e.reasoning)));
  }
  parts.push(h('details', { class: 'audit' }, h('summary', null, 'Audit data'), audit(e)));
  parts.push(reviews(history));
  if (e.status === 'GRADED' || e.status === 'FAILED') parts.push(reviewForm(q.answerId, e, reload));
  return h('div', { class: 'evaluation' }, parts);
}

export async function render(main, { id }) {
  const body = h('div', { class: 'detail' });
  const live = h('p', { class: 'hint', 'aria-live': 'polite' });
  page(main, 'Session', live, body);
  let stop = null;
  let stopped = false;

  async function load() {
    const report = await call('session', `/api/sessions/${encodeURIComponent(id)}/report`);
    main.querySelector('h1').textContent = `${report.title || 'Session'} · ${report.candidate}`;
    document.title = `${report.candidate} · Viva`;
    const cards = await Promise.all(report.questions.map(async (q) => {
      const score = q.score !== null && q.score !== undefined ? q.score : null;
      return h('article', { class: 'card q-card', id: `q-${q.position}`, dataset: { question: q.questionId, answer: q.answerId || '' } },
        h('header', { class: 'q-head' },
          h('div', null,
            h('h3', null, `Question ${q.position}`, h('span', { class: 'meta' }, ` · ${categoryName(q.category)} · ${String(q.difficulty || '').toLowerCase()}`)),
            statusBadge(q.status),
            q.gradeSource === 'review' ? h('span', { class: 'badge reviewed' }, 'Reviewed by an interviewer') : null),
          h('div', { class: `score-box ${score === null ? 'none' : band(score)}` },
            h('span', { class: 'score-n' }, score === null ? '–' : String(score)), h('span', { class: 'score-of' }, score === null ? '' : 'of 100'))),
        h('div', { class: 'prompt' }, q.prompt),
        await evaluationPanel(q, (saved) => {
          live.textContent = 'Review saved. The grade below changes as soon as the reviewed grade reaches the report.';
          untilReviewed(q.answerId, saved).catch((e) => live.replaceChildren(errorBox(e)));
        }));
    }));
    replace(body, summary(report),
      report.categories && report.categories.length ? h('section', { class: 'card' }, categoryBars(report.categories)) : null,
      h('p', { class: 'actions' }, h('a', { href: `#/sessions/${id}/report` }, 'The report as the candidate sees it'), ' · ',
        h('a', { href: '#/team' }, 'Back to the team\'s sessions')),
      ...cards);
    return report;
  }

  // The progress stream of a finished session has already ended, so after a review the page asks for the
  // report until the reviewed grade is in it (it travels grader → Kafka → session-service), for a minute at most.
  async function untilReviewed(answerId, saved) {
    const record = saved && saved.gradeOfRecord;
    const since = Date.now();
    for (let wait = 500; !stopped; wait = Math.min(wait * 2, 4000)) {
      const report = await load();
      const q = report.questions.find((x) => x.answerId === answerId);
      if (!record || (q && q.gradeSource === 'review' && q.score === record.score)) return;
      if (Date.now() - since > 60000) {
        live.textContent = 'The reviewed grade has not reached the report yet; reload the page in a moment.';
        return;
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  try {
    await load();
    let pending = false;
    stop = follow(id, async (ev) => {
      // answer-graded, answer-failed, answer-reviewed (an interviewer's grade arrived): the report changed;
      // heartbeats, the snapshot and the closing all-graded repeat what the page already shows
      if (!['answer-graded', 'answer-failed', 'answer-reviewed', 'answer-submitted'].includes(ev.type)) return;
      if (pending) return;
      // Someone filling in a review form keeps it: the new grades wait for a click.
      if (body.contains(document.activeElement) && document.activeElement.closest('form')) {
        live.replaceChildren('A new grade arrived. ', h('button', { type: 'button', class: 'link', onclick: () => load() }, 'Show it'));
        return;
      }
      pending = true;
      try {
        const y = window.scrollY;
        await load();
        window.scrollTo(0, y);
        live.textContent = `Updated ${new Date().toLocaleTimeString()}: a new grade arrived.`;
      } catch (e) {
        live.replaceChildren(errorBox(e));
      } finally {
        pending = false;
      }
    });
  } catch (e) {
    replace(body, errorBox(e));
  }
  return () => { stopped = true; if (stop) stop(); };
}
