// The three services' APIs, called with the signed-in user's bearer token. Errors come back as
// ApiError with a sentence a person understands and what to do about it.
import { auth } from './auth.js';

let config = { questionServiceUrl: '', sessionServiceUrl: '', graderServiceUrl: '', devSignIn: false, oidc: null };

export async function loadConfig() {
  const res = await fetch('/app/config', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`The app's settings could not be read (${res.status}).`);
  config = await res.json();
  return config;
}

export function appConfig() {
  return config;
}

const SERVICE_NAMES = { question: 'question-service', session: 'session-service', grader: 'grader-service' };

function base(service) {
  if (service === 'question') return config.questionServiceUrl || '';
  if (service === 'grader') return config.graderServiceUrl || '';
  return config.sessionServiceUrl || '';
}

export function url(service, path) {
  return base(service) + path;
}

export class ApiError extends Error {
  constructor(status, message, problem, service) {
    super(message);
    this.status = status;
    this.problem = problem;
    this.service = service;
  }

  /** The endpoint is not on this server (yet): the feature it belongs to is not available. */
  get unavailable() {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

/** Plain words for a problem+json response (RFC 9457): what went wrong, and what to do. */
export function explain(status, problem, retryAfter) {
  const detail = problem && typeof problem.detail === 'string' ? problem.detail : '';
  const fields = problem && Array.isArray(problem.errors)
    ? problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : '';
  switch (status) {
    case 400:
      return `The request could not be read${detail ? ` (${detail})` : ''}. Check what you entered and try again.`;
    case 401:
      return 'Your sign-in has expired or is not valid. Sign in again to continue.';
    case 403:
      return `Your role cannot do this${detail ? ` (${detail})` : ''}. Ask an admin of your team if you need it.`;
    case 404:
      return `Not found: it does not exist, or it is not visible to you${detail ? ` (${detail})` : ''}.`;
    case 405:
      return 'This server does not offer that action.';
    case 409:
      return `${detail || 'That conflicts with the current state'}. Reload the page to see where things stand.`;
    case 413:
      return `That is too large${detail ? ` (${detail})` : ''}. Shorten it and send it again.`;
    case 415:
      return 'The server did not accept the format that was sent. Reload the page and try again.';
    case 422:
      return `Some of it cannot be used: ${fields || detail || 'a value breaks a rule'}. Correct it and try again.`;
    case 429:
      return `Too many requests right now. Wait ${retryAfter ? `${retryAfter} seconds` : 'a moment'} and try again.`;
    case 503:
      return `The service is busy or one of its parts is down${detail ? ` (${detail})` : ''}. Try again in a minute.`;
    default:
      if (status >= 500) return 'Something went wrong on the server. Try again; if it keeps happening, tell your admin.';
      return detail || `The request failed (${status}).`;
  }
}

async function problemOf(res) {
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { return await res.json(); } catch { return null; }
  }
  return null;
}

/**
 * Calls an API and returns its JSON (or text for non-JSON answers). On failure throws ApiError; a 401
 * signs the user out, since their token is of no more use.
 */
export async function call(service, path, { method = 'GET', body, headers = {}, accept = 'application/json', raw = false, signal } = {}) {
  const h = { Accept: accept, ...headers };
  const token = auth.token();
  if (token) h.Authorization = `Bearer ${token}`;
  let payload = body;
  if (body !== undefined && !(typeof body === 'string') && !(body instanceof Blob)) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url(service, path), { method, headers: h, body: payload, signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, `${SERVICE_NAMES[service]} could not be reached. Check that Viva is running (deploy/viva status) and try again.`, null, service);
  }
  if (!res.ok) {
    const problem = await problemOf(res);
    if (res.status === 401) auth.expired();
    throw new ApiError(res.status, explain(res.status, problem, res.headers.get('Retry-After')), problem, service);
  }
  if (raw) return res;
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

/**
 * For views of APIs that a server may not offer yet (review queue, agreement, analytics): a 404 or 405
 * means "not available on this server", any other failure is thrown as usual.
 */
export async function optional(service, path, options) {
  try {
    return { available: true, data: await call(service, path, options) };
  } catch (e) {
    if (e instanceof ApiError && e.unavailable) return { available: false, error: e };
    throw e;
  }
}
