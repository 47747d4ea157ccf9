import { auth, devSignIn, startOidc } from '../auth.js';
import { field, h, page } from '../dom.js';
import { busy, errorBox, notice } from './common.js';

function returnTo() {
  const r = sessionStorage.getItem('viva.returnTo');
  sessionStorage.removeItem('viva.returnTo');
  return r && r !== '#/signin' ? r : '#/';
}

export function render(main, _params, { config }) {
  const parts = [];
  if (auth.takeExpiredNotice()) parts.push(notice('Your sign-in expired. Sign in again to go on.', 'warn'));
  const status = h('div', { 'aria-live': 'polite' });

  if (config.oidc) {
    const button = h('button', { type: 'button', class: 'primary' }, 'Sign in with your organisation');
    button.addEventListener('click', async () => {
      busy(button, true);
      try {
        await startOidc(config.oidc);
      } catch (e) {
        status.replaceChildren(errorBox(e));
        busy(button, false);
      }
    });
    parts.push(h('section', { class: 'card' },
      h('h2', null, 'Single sign-on'),
      h('p', null, 'You will be sent to your identity provider and back.'),
      h('p', { class: 'hint' }, `Provider: ${config.oidc.issuer}`),
      button));
  }

  if (config.devSignIn) {
    const name = h('input', { name: 'name', autocomplete: 'username', required: true, maxlength: '64', value: 'alice' });
    const role = h('select', { name: 'role' },
      h('option', { value: 'candidate' }, 'Candidate'),
      h('option', { value: 'interviewer' }, 'Interviewer'),
      h('option', { value: 'admin' }, 'Admin'));
    const team = h('input', { name: 'team', required: true, maxlength: '64', value: 'demo' });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
    const form = h('form', { class: 'card', id: 'dev-sign-in' },
      h('h2', null, 'Development sign-in'),
      h('div', { class: 'box warn', role: 'note' },
        h('strong', null, 'For development only. '),
        'This page exists because the local stack turned it on: it signs anyone in as any name, role and team. '
          + 'A deployment signs people in through the team\'s identity provider instead.'),
      field('Name', name, 'Letters, digits, ".", "_", "@" or "-".'),
      field('Role', role),
      field('Team', team, 'Everyone in a team sees the same sessions and questions.'),
      submit);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      busy(submit, true);
      status.replaceChildren();
      try {
        await devSignIn(name.value.trim(), role.value, team.value.trim());
        location.hash = returnTo();
      } catch (e) {
        status.replaceChildren(errorBox(e));
        busy(submit, false);
      }
    });
    parts.push(form);
  }

  if (!config.oidc && !config.devSignIn) {
    parts.push(notice('No sign-in is configured on this server. An operator sets viva.app.oidc.issuer and '
      + 'viva.app.oidc.client-id (VIVA_OIDC_ISSUER, VIVA_OIDC_CLIENT_ID) for the team\'s identity provider; '
      + 'the API itself stays usable with curl and a token.', 'warn'));
  }
  page(main, 'Sign in to Viva', h('p', { class: 'lead' }, 'Mock technical interviews, graded against rubrics.'), status, ...parts);
}
