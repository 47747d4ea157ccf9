// The app shell: settings, sign-in state, navigation and a hash router (#/path), so every screen has
// an address that survives a reload and the server only ever serves this one page.
import { appConfig, loadConfig } from './api.js';
import { auth, completeOidc } from './auth.js';
import { h, replace } from './dom.js';
import { errorBox } from './views/common.js';
import * as signin from './views/signin.js';
import * as start from './views/start.js';
import * as take from './views/take.js';
import * as report from './views/report.js';
import * as history from './views/history.js';
import * as team from './views/team.js';
import * as detail from './views/detail.js';
import * as queue from './views/queue.js';
import * as agreement from './views/agreement.js';
import * as analytics from './views/analytics.js';
import * as bank from './views/bank.js';

const CANDIDATE = ['candidate'];
const STAFF = ['interviewer', 'admin'];

const routes = [
  { path: /^\/signin$/, view: signin, public: true },
  { path: /^\/start$/, view: start, roles: CANDIDATE },
  { path: /^\/history$/, view: history, roles: CANDIDATE },
  { path: /^\/sessions\/([\w-]+)$/, view: take, roles: CANDIDATE, params: ['id'] },
  { path: /^\/sessions\/([\w-]+)\/report$/, view: report, roles: [...CANDIDATE, ...STAFF], params: ['id'] },
  { path: /^\/team$/, view: team, roles: STAFF },
  { path: /^\/team\/sessions\/([\w-]+)$/, view: detail, roles: STAFF, params: ['id'] },
  { path: /^\/queue$/, view: queue, roles: STAFF },
  { path: /^\/agreement$/, view: agreement, roles: STAFF },
  { path: /^\/analytics$/, view: analytics, roles: STAFF },
  { path: /^\/bank$/, view: bank, roles: ['admin'] },
];

const NAV = [
  { href: '#/start', label: 'New session', roles: CANDIDATE },
  { href: '#/history', label: 'My sessions', roles: CANDIDATE },
  { href: '#/team', label: 'Team sessions', roles: STAFF },
  { href: '#/queue', label: 'Review queue', roles: STAFF },
  { href: '#/agreement', label: 'Agreement', roles: STAFF },
  { href: '#/analytics', label: 'Analytics', roles: STAFF },
  { href: '#/bank', label: 'Question bank', roles: ['admin'] },
];

const main = document.getElementById('main');
let cleanup = null;

function home() {
  if (!auth.user()) return '#/signin';
  return auth.has('candidate') ? '#/history' : '#/team';
}

function renderChrome(path) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  const user = auth.user();
  if (!user) {
    replace(nav);
    replace(who);
    return;
  }
  const links = NAV.filter((n) => auth.has(...n.roles)).map((n) => {
    const active = path === n.href.slice(1) || path.startsWith(`${n.href.slice(1)}/`);
    return h('a', { href: n.href, 'aria-current': active ? 'page' : null }, n.label);
  });
  replace(nav, h('ul', null, links.map((l) => h('li', null, l))));
  replace(who,
    h('span', { class: 'who-name' }, user.name),
    h('span', { class: 'who-meta' }, ` ${user.roles.join(', ')} · team ${user.team}`),
    h('button', { type: 'button', class: 'link', onclick: () => { auth.signOut(); location.hash = '#/signin'; } }, 'Sign out'));
}

async function route() {
  if (cleanup) {
    try { cleanup(); } catch { /* the old view is gone anyway */ }
    cleanup = null;
  }
  const path = (location.hash || '#/').slice(1) || '/';
  if (path === '/') {
    location.replace(home());
    return;
  }
  const match = routes.map((r) => ({ r, m: r.path.exec(path) })).find((x) => x.m);
  renderChrome(path);
  if (!match) {
    replace(main, h('h1', null, 'Page not found'), h('p', null, 'There is no such page. ', h('a', { href: '#/' }, 'Go to the start page.')));
    return;
  }
  const { r, m } = match;
  if (!r.public && !auth.user()) {
    sessionStorage.setItem('viva.returnTo', location.hash);
    location.replace('#/signin');
    return;
  }
  if (r.roles && !auth.has(...r.roles)) {
    replace(main, h('h1', null, 'Not for your role'),
      h('p', null, `This page is for ${r.roles.join(' or ')} accounts. `, h('a', { href: '#/' }, 'Go to your start page.')));
    return;
  }
  const params = {};
  (r.params || []).forEach((name, i) => { params[name] = decodeURIComponent(m[i + 1]); });
  try {
    cleanup = (await r.view.render(main, params, { config: appConfig() })) || null;
  } catch (e) {
    replace(main, h('h1', null, 'Something went wrong'), errorBox(e));
  }
}

async function boot() {
  try {
    const config = await loadConfig();
    if (config.oidc) await completeOidc(config.oidc);
  } catch (e) {
    replace(main, h('h1', null, 'Viva could not start'), errorBox(e));
    return;
  }
  auth.onChange(() => {
    if (!auth.user() && location.hash !== '#/signin') location.hash = '#/signin';
    else renderChrome((location.hash || '#/').slice(1));
  });
  window.addEventListener('hashchange', route);
  route();
}

boot();
