// Pieces several screens share: error and notice boxes, status labels, generic tables.
import { ApiError } from '../api.js';
import { h } from '../dom.js';

/** An error in plain words, announced to screen readers. */
export function errorBox(error) {
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return h('div', { class: 'box error', role: 'alert' }, h('strong', null, 'Problem: '), message);
}

export function notice(text, kind = 'info') {
  return h('div', { class: `box ${kind}`, role: 'status' }, text);
}

/** What a screen shows when the server does not offer the API it is built on. */
export function unavailable(feature, error) {
  return h('div', { class: 'box info unavailable', role: 'status' },
    h('strong', null, `${feature} is not available on this server. `),
    `It answered ${error && error.status ? error.status : 'that it does not know this request'}; `
      + 'a newer version of Viva offers it. Everything else keeps working.');
}

const STATUS_LABELS = {
  OPEN: 'Open', COMPLETED: 'Completed', EXPIRED: 'Expired',
  PENDING: 'Grading…', GRADED: 'Graded', FAILED: 'Grading failed', UNANSWERED: 'Not answered', SUPERSEDED: 'Replaced',
};

export function statusLabel(status) {
  return STATUS_LABELS[status] || status || '–';
}

export function statusBadge(status) {
  return h('span', { class: `badge status-${String(status || '').toLowerCase()}` }, statusLabel(status));
}

const ACRONYMS = { rag: 'RAG', llm: 'LLM', llms: 'LLMs', nlp: 'NLP', ml: 'ML', ai: 'AI' };

/** "generative-models" reads "Generative models"; acronyms stay upper case. */
export function categoryName(id) {
  const words = String(id || '').split(/[-_\s]+/).filter(Boolean).map((w) => ACRONYMS[w.toLowerCase()] || w);
  if (!words.length) return '';
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

function scalar(v) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(3);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : x}`).join('; ');
  return String(v);
}

function humanize(key) {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** The first array of objects in an API answer: a list, or {items: [...]}, or {something: [...]}. */
export function rowsOf(data) {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object') {
    for (const key of ['items', 'rows', 'entries', 'groups', 'results', 'sessions', 'candidates']) {
      if (Array.isArray(data[key])) return data[key];
    }
    const first = Object.values(data).find((v) => Array.isArray(v) && v.every((x) => x && typeof x === 'object'));
    if (first) return first;
  }
  return [];
}

/**
 * A table of an API's rows, whatever their fields: one column per field (in the order they first
 * appear), values as text. cell(key, row) may return a custom cell for some columns.
 */
export function genericTable(caption, rows, cell = () => undefined) {
  const keys = [];
  rows.forEach((r) => Object.keys(r || {}).forEach((k) => { if (!keys.includes(k)) keys.push(k); }));
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', null,
      h('caption', null, caption),
      h('thead', null, h('tr', null, keys.map((k) => h('th', { scope: 'col' }, humanize(k))))),
      h('tbody', null, rows.map((r) => h('tr', null, keys.map((k) => {
        const custom = cell(k, r);
        return h('td', null, custom === undefined ? scalar(r[k]) : custom);
      }))))));
}

/** Key figures of an object's scalar fields as a definition list. */
export function facts(obj, skip = []) {
  const entries = Object.entries(obj || {}).filter(([k, v]) => !skip.includes(k) && (v === null || typeof v !== 'object'));
  return h('dl', { class: 'facts' }, entries.map(([k, v]) => [h('dt', null, humanize(k)), h('dd', null, scalar(v))]));
}

export function busy(button, on) {
  button.disabled = on;
  button.setAttribute('aria-busy', on ? 'true' : 'false');
}
