// Interviewers and admins: the team's sessions with filters, and assigning a session to a candidate.
import { ApiError, call } from '../api.js';
import { field, h, page, replace } from '../dom.js';
import { sessionsTable } from './history.js';
import { busy, errorBox, notice, unavailable } from './common.js';

const FILTERS = ['candidate', 'status', 'from', 'to', 'category'];

function readFilters() {
  const q = new URLSearchParams(sessionStorage.getItem('viva.team.filters') || '');
  return Object.fromEntries(FILTERS.map((k) => [k, q.get(k) || '']));
}

function matches(s, f) {
  if (f.candidate && !String(s.candidate).toLowerCase().includes(f.candidate.toLowerCase())) return false;
  if (f.status && s.status !== f.status) return false;
  const created = new Date(s.createdAt);
  if (f.from && created < new Date(`${f.from}T00:00:00`)) return false;
  if (f.to && created > new Date(`${f.to}T23:59:59.999`)) return false;
  return true;
}

export async function render(main) {
  const f = readFilters();
  const candidate = h('input', { name: 'candidate', value: f.candidate, autocomplete: 'off' });
  const status = h('select', { name: 'status' },
    [['', 'Any status'], ['OPEN', 'Open'], ['COMPLETED', 'Completed'], ['EXPIRED', 'Expired']]
      .map(([v, t]) => h('option', { value: v, selected: f.status === v }, t)));
  const from = h('input', { name: 'from', type: 'date', value: f.from });
  const to = h('input', { name: 'to', type: 'date', value: f.to });
  const category = h('input', { name: 'category', value: f.category, placeholder: 'e.g. rag' });
  const apply = h('button', { type: 'submit' }, 'Apply filters');
  const clear = h('button', { type: 'button', class: 'link' }, 'Clear');
  const filters = h('form', { class: 'card filters', id: 'filters', role: 'search', 'aria-label': 'Filter sessions' },
    h('div', { class: 'row' },
      field('Candidate', candidate), field('Status', status), field('From', from), field('To', to), field('Category', category)),
    h('div', { class: 'actions' }, apply, clear));
  const results = h('div', { 'aria-live': 'polite' });

  async function load() {
    const values = { candidate: candidate.value.trim(), status: status.value, from: from.value, to: to.value, category: category.value.trim() };
    sessionStorage.setItem('viva.team.filters', new URLSearchParams(values).toString());
    const q = new URLSearchParams({ limit: '200' });
    if (values.candidate) q.set('candidate', values.candidate);
    if (values.status) q.set('status', values.status);
    if (values.from) q.set('from', values.from);
    if (values.to) q.set('to', values.to);
    if (values.category) q.set('category', values.category);
    replace(results, h('p', { class: 'hint' }, 'Loading…'));
    try {
      // The server filters where it can; the same filters applied here keep older servers honest.
      const sessions = (await call('session', `/api/sessions?${q}`)).filter((s) => matches(s, values));
      replace(results, sessions.length ? sessionsTable(`Team sessions (${sessions.length})`, sessions, true)
        : h('p', null, 'No session matches these filters.'));
    } catch (e) {
      replace(results, errorBox(e));
    }
  }

  filters.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  clear.addEventListener('click', () => {
    candidate.value = ''; status.value = ''; from.value = ''; to.value = ''; category.value = '';
    load();
  });

  // Assigning a session to a named candidate of the team.
  const who = h('input', { name: 'assign-candidate', required: true, maxlength: '64' });
  const count = h('input', { name: 'assign-count', type: 'number', min: '1', max: '20', value: '5', required: true });
  const cats = h('input', { name: 'assign-categories', placeholder: 'all' });
  const title = h('input', { name: 'assign-title', maxlength: '200' });
  const assignStatus = h('div', { 'aria-live': 'polite' });
  const assign = h('button', { type: 'submit' }, 'Assign session');
  const assignForm = h('form', { class: 'card', id: 'assign' },
    h('h2', null, 'Assign a session to a candidate'),
    h('div', { class: 'row' },
      field('Candidate name', who), field('Questions', count),
      field('Categories (comma-separated, optional)', cats), field('Title (optional)', title)),
    assign, assignStatus);
  assignForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { candidate: who.value.trim(), questionCount: Number(count.value) };
    const c = cats.value.split(',').map((x) => x.trim()).filter(Boolean);
    if (c.length) body.categories = c;
    if (title.value.trim()) body.title = title.value.trim();
    busy(assign, true);
    try {
      const s = await call('session', '/api/sessions', { method: 'POST', body });
      replace(assignStatus, notice(`Session assigned to ${s.candidate || body.candidate}.`, 'ok'));
      load();
    } catch (e) {
      replace(assignStatus, e instanceof ApiError && [403, 404, 405].includes(e.status) && !e.problem?.errors
        ? unavailable('Assigning sessions', e) : errorBox(e));
    } finally {
      busy(assign, false);
    }
  });

  page(main, 'Team sessions', filters, results, assignForm);
  load();
}
