// Admins: browse the question bank (with each rubric), export the team's questions, import a bank file.
import { call } from '../api.js';
import { field, h, page, replace } from '../dom.js';
import { busy, categoryName, errorBox, notice } from './common.js';

const SIZE = 20;

function rubricView(r) {
  return h('div', { class: 'rubric' },
    h('p', { class: 'hint' }, `Rubric version ${r.version ?? r.rubricVersion ?? ''}`),
    r.referenceAnswer ? h('div', { class: 'fb reference' }, h('h4', null, 'Reference answer'), h('div', { class: 'prose' }, r.referenceAnswer)) : null,
    Array.isArray(r.keyPoints) && r.keyPoints.length ? h('div', { class: 'fb' }, h('h4', null, 'Key points'),
      h('ul', null, r.keyPoints.map((k) => h('li', null, `${k.text}${k.required ? ' (required)' : ''}${k.weight ? ` · weight ${k.weight}` : ''}`)))) : null,
    Array.isArray(r.redFlags) && r.redFlags.length ? h('div', { class: 'fb weak' }, h('h4', null, 'Red flags'),
      h('ul', null, r.redFlags.map((k) => h('li', null, typeof k === 'string' ? k : k.text)))) : null);
}

export async function render(main) {
  const category = h('select', { name: 'category' }, h('option', { value: '' }, 'All categories'));
  const difficulty = h('select', { name: 'difficulty' },
    [['', 'Any level'], ['JUNIOR', 'Junior'], ['MID', 'Mid-level'], ['SENIOR', 'Senior']].map(([v, t]) => h('option', { value: v }, t)));
  const text = h('input', { name: 'q', type: 'search', placeholder: 'words in the prompt' });
  const search = h('form', { class: 'card filters', role: 'search', 'aria-label': 'Search the bank', id: 'bank-search' },
    h('div', { class: 'row' }, field('Category', category), field('Difficulty', difficulty), field('Search', text)),
    h('button', { type: 'submit' }, 'Search'));
  const results = h('div', { 'aria-live': 'polite' });
  let pageNo = 0;

  async function load() {
    const q = new URLSearchParams({ page: String(pageNo), size: String(SIZE) });
    if (category.value) q.set('category', category.value);
    if (difficulty.value) q.set('difficulty', difficulty.value);
    if (text.value.trim()) q.set('q', text.value.trim());
    replace(results, h('p', { class: 'hint' }, 'Loading…'));
    try {
      const res = await call('question', `/api/questions?${q}`);
      const pages = Math.max(1, Math.ceil(res.total / res.size));
      replace(results,
        h('p', null, `${res.total} question${res.total === 1 ? '' : 's'} · page ${res.page + 1} of ${pages}`),
        h('ul', { class: 'bank-list' }, res.items.map((item) => {
          const rubric = h('div');
          const details = h('details', { class: 'card' },
            h('summary', null, h('strong', null, item.id), ` · ${categoryName(item.category)} · ${String(item.difficulty).toLowerCase()}`,
              item.shared ? h('span', { class: 'badge' }, 'shared bank') : h('span', { class: 'badge' }, 'your team')),
            h('div', { class: 'prompt' }, item.prompt),
            h('p', { class: 'hint' }, `Tags: ${(item.tags || []).join(', ') || 'none'} · rubric version ${item.rubricVersion}`), rubric);
          details.addEventListener('toggle', async () => {
            if (!details.open || rubric.childNodes.length) return;
            try {
              rubric.append(rubricView(await call('question', `/api/questions/${encodeURIComponent(item.id)}/rubric`)));
            } catch (e) {
              rubric.append(errorBox(e));
            }
          });
          return h('li', null, details);
        })),
        h('nav', { class: 'pager', 'aria-label': 'Pages' },
          h('button', { type: 'button', disabled: res.page === 0, onclick: () => { pageNo -= 1; load(); } }, 'Previous page'),
          h('button', { type: 'button', disabled: res.page + 1 >= pages, onclick: () => { pageNo += 1; load(); } }, 'Next page')));
    } catch (e) {
      replace(results, errorBox(e));
    }
  }
  search.addEventListener('submit', (ev) => { ev.preventDefault(); pageNo = 0; load(); });

  // Export and import
  const format = h('select', { name: 'format' }, h('option', { value: 'application/yaml' }, 'YAML'), h('option', { value: 'application/json' }, 'JSON'));
  const exportButton = h('button', { type: 'button' }, 'Export your team\'s questions');
  const exportStatus = h('div', { 'aria-live': 'polite' });
  exportButton.addEventListener('click', async () => {
    busy(exportButton, true);
    try {
      const body = await call('question', '/api/bank/export', { accept: format.value });
      const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
      const a = h('a', { href: URL.createObjectURL(new Blob([text], { type: format.value })),
        download: `viva-bank.${format.value === 'application/json' ? 'json' : 'yaml'}` });
      document.body.append(a);
      a.click();
      a.remove();
      replace(exportStatus, notice('Export downloaded.', 'ok'));
    } catch (e) {
      replace(exportStatus, errorBox(e));
    } finally {
      busy(exportButton, false);
    }
  });
  const file = h('input', { type: 'file', name: 'bank-file', accept: '.yaml,.yml,.json,application/json,application/yaml' });
  const importButton = h('button', { type: 'submit' }, 'Import');
  const importStatus = h('div', { 'aria-live': 'polite' });
  const importForm = h('form', { class: 'card', id: 'bank-import' },
    h('h2', null, 'Import'),
    h('p', { class: 'hint' }, 'All or nothing: one invalid question and nothing changes. The format is the bank\'s (question-service/BANK.md).'),
    field('Bank file (YAML or JSON)', file), importButton, importStatus);
  importForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = file.files && file.files[0];
    if (!f) {
      replace(importStatus, errorBox(new Error('Choose a bank file first.')));
      return;
    }
    busy(importButton, true);
    try {
      const type = /\.json$/i.test(f.name) ? 'application/json' : 'application/yaml';
      const res = await call('question', '/api/bank/import', { method: 'POST', body: await f.text(), headers: { 'Content-Type': type } });
      replace(importStatus, notice(`Imported: ${res.created} created, ${res.updated} updated, ${res.unchanged} unchanged.`, 'ok'));
      load();
    } catch (e) {
      replace(importStatus, errorBox(e));
    } finally {
      busy(importButton, false);
    }
  });

  page(main, 'Question bank', search, results,
    h('section', { class: 'card', id: 'bank-export' }, h('h2', null, 'Export'), field('Format', format), exportButton, exportStatus),
    importForm);
  try {
    (await call('question', '/api/categories')).forEach((c) => category.append(h('option', { value: c.category }, categoryName(c.category))));
  } catch { /* the list still works without the category filter */ }
  load();
}
