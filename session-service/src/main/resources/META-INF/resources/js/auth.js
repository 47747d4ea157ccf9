// Who is signed in. The token lives in this tab's sessionStorage (and memory), never in a URL, a
// cookie or a log line; closing the tab or signing out forgets it.

const TOKEN_KEY = 'viva.token';
const OIDC_KEY = 'viva.oidc.pending';
const listeners = new Set();

function decode(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

let current = null;

function load() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const claims = token ? decode(token) : null;
  current = token && claims && (!claims.exp || claims.exp * 1000 > Date.now()) ? { token, claims } : null;
  if (!current) sessionStorage.removeItem(TOKEN_KEY);
}

let expiredNotice = false;

export const auth = {
  token() {
    if (current && current.claims.exp && current.claims.exp * 1000 <= Date.now()) this.expired();
    return current ? current.token : null;
  },
  user() {
    if (!current) return null;
    const c = current.claims;
    const roles = Array.isArray(c.groups) ? c.groups : [];
    return { name: c.preferred_username || c.upn || c.sub, subject: c.sub, team: c.team, roles };
  },
  has(...roles) {
    const u = this.user();
    return !!u && roles.some((r) => u.roles.includes(r));
  },
  set(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    load();
    expiredNotice = false;
    listeners.forEach((l) => l());
  },
  signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    current = null;
    listeners.forEach((l) => l());
  },
  /** The API refused the token (expired or revoked): forget it and say why on the sign-in page. */
  expired() {
    expiredNotice = true;
    this.signOut();
  },
  takeExpiredNotice() {
    const n = expiredNotice;
    expiredNotice = false;
    return n;
  },
  onChange(listener) {
    listeners.add(listener);
  },
};

load();

function b64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(n = 32) {
  return b64url(crypto.getRandomValues(new Uint8Array(n)));
}

async function discovery(issuer) {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`The identity provider ${issuer} did not answer its discovery document (${res.status}).`);
  return res.json();
}

function redirectUri() {
  return `${location.origin}/`;
}

/** OpenID Connect, authorization code with PKCE (S256): off to the identity provider's sign-in page. */
export async function startOidc(oidc) {
  const meta = await discovery(oidc.issuer);
  const verifier = random(48);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = random(16);
  const wanted = sessionStorage.getItem('viva.returnTo');
  const returnTo = location.hash && location.hash !== '#/signin' ? location.hash : (wanted && wanted !== '#/signin' ? wanted : '#/');
  sessionStorage.setItem(OIDC_KEY, JSON.stringify({ verifier, state, returnTo }));
  const params = new URLSearchParams({
    response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri(), scope: oidc.scope || 'openid',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(`${meta.authorization_endpoint}?${params}`);
}

/**
 * Back from the identity provider with ?code=&state=: the query is removed from the address bar at
 * once, the code (single use, bound to our PKCE verifier) is exchanged for tokens.
 * Returns true when a sign-in was completed here.
 */
export async function completeOidc(oidc) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(OIDC_KEY) || 'null');
  sessionStorage.removeItem(OIDC_KEY);
  history.replaceState(null, '', `/${pending && pending.returnTo ? pending.returnTo : '#/'}`);
  if (params.has('error')) {
    throw new Error(`The identity provider refused the sign-in: ${params.get('error_description') || params.get('error')}.`);
  }
  if (!oidc || !pending || pending.state !== params.get('state')) {
    throw new Error('That sign-in answer does not belong to this tab. Sign in again.');
  }
  const meta = await discovery(oidc.issuer);
  const res = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: oidc.clientId, code_verifier: pending.verifier,
    }),
  });
  if (!res.ok) throw new Error(`The identity provider did not issue a token (${res.status}). Sign in again.`);
  const tokens = await res.json();
  // The services verify the access token (a JWT with sub, team and groups claims).
  auth.set(tokens.access_token);
  return true;
}

/** Development sign-in (local stack only): any name, role and team. */
export async function devSignIn(name, role, team) {
  const res = await fetch('/app/dev-sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ name, role, team }),
  });
  if (!res.ok) {
    let problem = null;
    try { problem = await res.json(); } catch { /* not JSON */ }
    const fields = problem && Array.isArray(problem.errors) ? problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : '';
    throw new Error(res.status === 404
      ? 'Development sign-in is not enabled on this server.'
      : `Sign-in refused: ${fields || (problem && problem.detail) || res.status}. Correct it and try again.`);
  }
  auth.set((await res.json()).token);
}
