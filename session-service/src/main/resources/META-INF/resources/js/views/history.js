// A candidate's past sessions with their scores, and the trend of each category over time.
import { call } from '../api.js';
import { sparkline } from '../chart.js';
import { formatDate, h, page, replace } from '../dom.js';
import { categoryName, errorBox, statusBadge } from './common.js';

const TREND_SESSIONS = 12;

export function sessionLink(s, staff) {
  const href = staff ? `#/team/sessions/${s.id}` : (s.status === 'OPEN' ? `#/sessions/${s.id}` : `#/sessions/${s.id}/report`);
  return h('a', { href }, s.title || 'Untitled session');
}

export function sessionsTable(caption, sessions, staff) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', { class: 'sessions' },
      h('caption', null, caption),
      h('thead', null, h('tr', null,
        ['Session', staff ? 'Candidate' : null, 'Started', 'Status', 'Questions', 'Score'].filter(Boolean)
          .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, sessions.map((s) => h('tr', { dataset: { session: s.id } },
        h('th', { scope: 'row' }, sessionLink(s, staff)),
        staff ? h('td', null, s.candidate) : null,
        h('td', null, formatDate(s.createdAt)),
        h('td', null, statusBadge(s.status)),
        h('td', { class: 'num' }, String(s.questionCount)),
        h('td', { class: 'num' }, s.score === null || s.score === undefined ? '–' : String(s.score)))))));
}

/** Per-category points over time, from the reports of the given sessions (oldest first). */
export async function categoryTrend(sessions) {
  const recent = sessions.filter((s) => s.score !== null && s.score !== undefined).slice(0, TREND_SESSIONS);
  const reports = [];
  for (let i = 0; i < recent.length; i += 4) {
    const batch = await Promise.all(recent.slice(i, i + 4).map((s) => call('session', `/api/sessions/${s.id}/report`).catch(() => null)));
    reports.push(...batch.filter(Boolean));
  }
  reports.sort((a, b) => new Date(a.createdAt) - new Date(b.createdAt));
  const byCategory = new Map();
  reports.forEach((r) => (r.categories || []).forEach((c) => {
    if (c.score === null || c.score === undefined) return;
    if (!byCategory.has(c.category)) byCategory.set(c.category, []);
    byCategory.get(c.category).push({ at: r.createdAt, score: c.score });
  }));
  return byCategory;
}

export function trendTable(byCategory) {
  if (!byCategory.size) return h('p', { class: 'hint' }, 'No graded sessions yet: the trend starts with your first graded answer.');
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Trend per category' },
    h('table', { class: 'trend' },
      h('caption', null, 'Trend per category (oldest to newest session)'),
      h('thead', null, h('tr', null, ['Category', 'Trend', 'First', 'Latest', 'Sessions'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, [...byCategory.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([cat, points]) => h('tr', null,
        h('th', { scope: 'row' }, categoryName(cat)),
        h('td', null, sparkline(points, `${categoryName(cat)} over time`)),
        h('td', { class: 'num' }, String(points[0].score)),
        h('td', { class: 'num' }, String(points[points.length - 1].score)),
        h('td', { class: 'num' }, String(points.length)))))));
}

export async function render(main) {
  const list = h('div', null, h('p', { class: 'hint' }, 'Loading your sessions…'));
  const trend = h('section', { class: 'card', 'aria-labelledby': 'trend-h' }, h('h2', { id: 'trend-h' }, 'Trend per category'),
    h('p', { class: 'hint' }, 'Loading…'));
  page(main, 'My sessions',
    h('p', { class: 'actions' }, h('a', { class: 'button primary', href: '#/start' }, 'Start a new session')),
    list, trend);
  try {
    const sessions = await call('session', '/api/sessions?limit=100');
    replace(list, sessions.length ? sessionsTable('Your sessions, newest first', sessions, false)
      : h('p', null, 'No sessions yet. Start one to practise.'));
    const byCategory = await categoryTrend(sessions);
    replace(trend, h('h2', { id: 'trend-h' }, 'Trend per category'), trendTable(byCategory));
  } catch (e) {
    replace(list, errorBox(e));
    trend.remove();
  }
}
