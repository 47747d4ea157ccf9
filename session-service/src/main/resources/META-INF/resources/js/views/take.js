// Taking a session: one question at a time, a visible timer when there is a limit, drafts kept on this
// device, and grading progress arriving live from the session's event stream.
import { call } from '../api.js';
import { h, page, replace } from '../dom.js';
import { follow } from '../sse.js';
import { busy, categoryName, errorBox, notice, statusBadge } from './common.js';

const MAX = 20000;

function draftKey(sessionId, questionId) {
  return `viva.draft.${sessionId}.${questionId}`;
}

function readDraft(sessionId, questionId) {
  try {
    return JSON.parse(localStorage.getItem(draftKey(sessionId, questionId)) || 'null');
  } catch {
    return null;
  }
}

function writeDraft(sessionId, questionId, draft) {
  try {
    localStorage.setItem(draftKey(sessionId, questionId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

function clock(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}

export async function render(main, { id }) {
  const [session, report] = await Promise.all([
    call('session', `/api/sessions/${encodeURIComponent(id)}`),
    call('session', `/api/sessions/${encodeURIComponent(id)}/report`).catch(() => null),
  ]);
  const byQuestion = new Map((report ? report.questions : []).map((q) => [q.questionId, q]));
  const questions = session.questions.map((q) => {
    const r = byQuestion.get(q.questionId);
    return {
      ...q,
      answerId: q.answer ? q.answer.answerId : null,
      status: q.answer ? q.answer.status : 'UNANSWERED',
      score: r && r.status === 'GRADED' ? r.score : null,
      submittedText: r ? r.answerText : null,
    };
  });
  const closed = session.status !== 'OPEN';
  let current = Math.max(0, questions.findIndex((q) => q.status === 'UNANSWERED'));
  const stops = [];

  const timer = h('p', { class: 'timer', role: 'timer', 'aria-live': 'off' });
  const progressText = h('p', { class: 'progress-text', 'aria-live': 'polite' });
  const progressBar = h('progress', { max: String(questions.length), value: '0', 'aria-hidden': 'true' });
  const streamState = h('span', { class: 'stream-state hint' });
  const stepper = h('ol', { class: 'stepper', 'aria-label': 'Questions and their grading' });
  const panel = h('section', { class: 'card question', 'aria-labelledby': 'q-heading' });
  const status = h('div', { 'aria-live': 'polite' });
  const finishNote = h('p', { class: 'hint' });
  const finish = h('button', { type: 'button', class: 'primary', id: 'finish' }, 'Finish and see the report');

  function updateProgress() {
    const answered = questions.filter((q) => q.status !== 'UNANSWERED').length;
    const done = questions.filter((q) => q.status === 'GRADED' || q.status === 'FAILED').length;
    progressText.textContent = `Answered ${answered} of ${questions.length} · graded ${done} of ${answered}`;
    progressBar.value = done;
    progressBar.max = Math.max(1, answered);
    const open = questions.length - answered;
    finishNote.textContent = open > 0
      ? `${open} question${open === 1 ? ' is' : 's are'} not answered yet; unanswered questions score nothing.`
      : 'Every question is answered.';
  }

  function renderStepper() {
    replace(stepper, questions.map((q, i) => {
      const score = h('span', { class: 'step-score' }, q.status === 'GRADED' && q.score !== null ? `${q.score}` : '');
      const b = h('button', {
        type: 'button', class: 'step', 'aria-current': i === current ? 'step' : null,
        'aria-label': `Question ${i + 1}: ${q.status === 'GRADED' ? `graded, ${q.score} of 100` : q.status.toLowerCase().replace('_', ' ')}`,
        dataset: { question: q.questionId, status: q.status },
        onclick: () => { current = i; renderQuestion(); renderStepper(); },
      }, h('span', { class: 'step-n' }, `Q${i + 1}`), statusBadge(q.status), score);
      return h('li', null, b);
    }));
  }

  function renderQuestion() {
    const q = questions[current];
    const draft = readDraft(id, q.questionId);
    const text = h('textarea', {
      id: 'answer', name: 'answer', rows: '12', maxlength: String(MAX), disabled: closed,
      'aria-describedby': 'answer-count answer-draft',
    });
    text.value = draft ? draft.text : '';
    const countEl = h('span', { id: 'answer-count' }, `${text.value.length.toLocaleString()} / ${MAX.toLocaleString()} characters`);
    const draftEl = h('span', { id: 'answer-draft', class: 'hint' }, draft ? ' · Draft restored from this device.' : '');
    text.addEventListener('input', () => {
      countEl.textContent = `${text.value.length.toLocaleString()} / ${MAX.toLocaleString()} characters`;
      const d = readDraft(id, q.questionId) || {};
      draftEl.textContent = writeDraft(id, q.questionId, { ...d, text: text.value, savedAt: Date.now() })
        ? ' · Draft saved on this device.' : ' · This browser does not keep drafts.';
    });
    const submit = h('button', { type: 'submit', class: 'primary', disabled: closed },
      q.status === 'UNANSWERED' ? 'Submit answer' : 'Submit a new answer (replaces the last one)');
    const submitted = q.submittedText
      ? h('details', { class: 'submitted', open: !draft }, h('summary', null, 'Your submitted answer'), h('div', { class: 'answer-body' }, q.submittedText))
      : null;
    const form = h('form', { id: 'answer-form' },
      submitted,
      h('label', { for: 'answer' }, q.status === 'UNANSWERED' ? 'Your answer' : 'A new answer (optional: it replaces the one above)'), text,
      h('p', { class: 'counter' }, countEl, draftEl),
      h('div', { class: 'actions' },
        submit,
        h('button', { type: 'button', disabled: current === 0, onclick: () => { current -= 1; renderQuestion(); renderStepper(); } }, 'Previous'),
        h('button', { type: 'button', disabled: current === questions.length - 1, onclick: () => { current += 1; renderQuestion(); renderStepper(); } }, 'Next')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const value = text.value;
      if (!value.trim()) {
        status.replaceChildren(errorBox(new Error('Write an answer before submitting it.')));
        text.focus();
        return;
      }
      // The same text retried after a failure keeps its Idempotency-Key, so it is stored once.
      const d = readDraft(id, q.questionId) || {};
      const key = d.key && d.keyText === value ? d.key : crypto.randomUUID();
      writeDraft(id, q.questionId, { ...d, text: value, key, keyText: value });
      busy(submit, true);
      status.replaceChildren();
      try {
        const accepted = await call('session', `/api/sessions/${encodeURIComponent(id)}/answers`, {
          method: 'POST', body: { questionId: q.questionId, text: value }, headers: { 'Idempotency-Key': key },
        });
        localStorage.removeItem(draftKey(id, q.questionId));
        q.answerId = accepted.answerId;
        q.status = 'PENDING';
        q.score = null;
        q.submittedText = value;
        status.replaceChildren(notice(`Answer to question ${current + 1} sent; it is being graded.`, 'ok'));
        const next = questions.findIndex((x, i) => i > current && x.status === 'UNANSWERED');
        const anyOpen = questions.findIndex((x) => x.status === 'UNANSWERED');
        current = next >= 0 ? next : (anyOpen >= 0 ? anyOpen : current);
        renderStepper();
        renderQuestion();
        updateProgress();
        (next >= 0 || anyOpen >= 0 ? document.getElementById('answer') : finish).focus();
      } catch (e) {
        status.replaceChildren(errorBox(e));
        busy(submit, false);
      }
    });
    replace(panel,
      h('h2', { id: 'q-heading' }, `Question ${current + 1} of ${questions.length}`),
      h('p', { class: 'meta' }, `${categoryName(q.category)} · ${String(q.difficulty || '').toLowerCase()}`),
      h('div', { class: 'prompt', id: 'prompt' }, q.prompt),
      form);
  }

  function tick() {
    if (!session.expiresAt) return;
    const left = new Date(session.expiresAt).getTime() - Date.now();
    timer.textContent = left > 0 ? `Time left ${clock(left)}` : 'Time is up: the session no longer takes answers.';
    timer.classList.toggle('low', left < 60000);
    if (left <= 0) {
      panel.querySelectorAll('textarea, button[type=submit]').forEach((el) => { el.disabled = true; });
    }
  }

  finish.addEventListener('click', async () => {
    busy(finish, true);
    try {
      if (!closed) await call('session', `/api/sessions/${encodeURIComponent(id)}/complete`, { method: 'POST' });
      location.hash = `#/sessions/${id}/report`;
    } catch (e) {
      status.replaceChildren(errorBox(e));
      busy(finish, false);
    }
  });

  const head = [];
  if (session.expiresAt) head.push(timer);
  if (closed) {
    head.push(notice(`This session is ${session.status === 'EXPIRED' ? 'expired' : 'completed'}: it takes no more answers.`, 'warn'));
    finish.textContent = 'See the report';
  }
  page(main, session.title || 'Mock interview', ...head,
    h('div', { class: 'take' },
      h('aside', { class: 'card progress', 'aria-label': 'Grading progress' },
        h('h2', null, 'Progress'), progressText, progressBar, streamState, stepper),
      h('div', { class: 'take-main' }, status, panel,
        h('div', { class: 'card finish' }, finishNote, finish))));
  renderStepper();
  renderQuestion();
  updateProgress();
  tick();
  if (session.expiresAt) {
    const t = setInterval(tick, 1000);
    stops.push(() => clearInterval(t));
  }

  // Each (re)connection starts with a snapshot: grades that arrived while the stream was away are read
  // from the report, so nothing is missed between the first load and the live events.
  async function resync() {
    try {
      const fresh = await call('session', `/api/sessions/${encodeURIComponent(id)}/report`);
      fresh.questions.forEach((r) => {
        const q = questions.find((x) => x.questionId === r.questionId);
        if (q && r.answerId && (!q.answerId || q.answerId === r.answerId)) {
          q.answerId = r.answerId;
          q.status = r.status;
          q.score = r.status === 'GRADED' ? r.score : null;
          q.submittedText = r.answerText || q.submittedText;
        }
      });
      renderStepper();
      updateProgress();
    } catch {
      // the live events still come; the next snapshot tries again
    }
  }

  stops.push(follow(id, (ev) => {
    if (ev.type === 'snapshot') {
      resync();
      return;
    }
    if (ev.type !== 'answer-graded' && ev.type !== 'answer-failed' && ev.type !== 'answer-reviewed') return;
    const q = questions.find((x) => x.questionId === ev.questionId);
    if (!q || (q.answerId && ev.answerId && q.answerId !== ev.answerId)) return;
    q.status = ev.status || (ev.type === 'answer-failed' ? 'FAILED' : 'GRADED');
    q.score = ev.score ?? null;
    renderStepper();
    updateProgress();
  }, (state) => {
    streamState.textContent = state === 'live' ? 'Live: grades appear as they arrive.'
      : state === 'reconnecting' ? 'Connection lost; reconnecting…' : '';
  }));
  return () => stops.forEach((s) => s());
}
