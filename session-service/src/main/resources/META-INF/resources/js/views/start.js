import { call } from '../api.js';
import { field, h, page } from '../dom.js';
import { busy, categoryName, errorBox } from './common.js';

export async function render(main) {
  const status = h('div', { 'aria-live': 'polite' });
  const categoriesBox = h('div', { class: 'checks' }, h('p', { class: 'hint' }, 'Loading categories…'));
  const difficulty = h('select', { name: 'difficulty' },
    h('option', { value: '' }, 'Any level'),
    h('option', { value: 'JUNIOR' }, 'Junior'),
    h('option', { value: 'MID' }, 'Mid-level'),
    h('option', { value: 'SENIOR' }, 'Senior'));
  const count = h('input', { name: 'questionCount', type: 'number', min: '1', max: '20', value: '3', required: true, inputmode: 'numeric' });
  const limit = h('input', { name: 'timeLimitMinutes', type: 'number', min: '1', max: '600', inputmode: 'numeric', placeholder: 'no limit' });
  const title = h('input', { name: 'title', maxlength: '200', placeholder: 'Practice round' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Start the session');
  const form = h('form', { class: 'card', id: 'start-form' },
    h('fieldset', null, h('legend', null, 'Categories (none ticked: all)'), categoriesBox),
    h('div', { class: 'row' },
      field('Difficulty', difficulty),
      field('Number of questions', count, '1 to 20.'),
      field('Time limit in minutes (optional)', limit, 'Leave empty to take your time.')),
    field('Title (optional)', title),
    submit);

  page(main, 'Start a mock interview', h('p', { class: 'lead' },
    'Questions are drawn from the bank. You answer one at a time; each answer is graded in the background.'), status, form);

  try {
    const categories = await call('question', '/api/categories');
    categoriesBox.replaceChildren(...categories.filter((c) => c.count > 0).map((c) => {
      const box = h('input', { type: 'checkbox', name: 'category', value: c.category, id: `cat-${c.category}` });
      return h('label', { class: 'check', for: box.id }, box, ` ${categoryName(c.category)} `, h('span', { class: 'hint' }, `(${c.count})`));
    }));
  } catch (e) {
    categoriesBox.replaceChildren(errorBox(e));
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { questionCount: Number(count.value) };
    const cats = [...form.querySelectorAll('input[name=category]:checked')].map((c) => c.value);
    if (cats.length) body.categories = cats;
    if (difficulty.value) body.difficulty = difficulty.value;
    if (limit.value) body.timeLimitMinutes = Number(limit.value);
    if (title.value.trim()) body.title = title.value.trim();
    busy(submit, true);
    status.replaceChildren();
    try {
      const session = await call('session', '/api/sessions', { method: 'POST', body });
      location.hash = `#/sessions/${session.id}`;
    } catch (e) {
      status.replaceChildren(errorBox(e));
      busy(submit, false);
    }
  });
}
