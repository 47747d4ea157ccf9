// Server-sent events over fetch, so the bearer token goes in the Authorization header (EventSource
// cannot send one, and a token in the URL would end up in logs). Reconnects with backoff until stopped,
// or until the server has said its last word: all answers graded in a session that takes no more.
import { auth } from './auth.js';
import { url } from './api.js';

/**
 * Follows a session's grading progress. onEvent gets each parsed JSON event; onState gets
 * 'live' | 'reconnecting' | 'stopped'. Returns a function that stops the stream.
 */
export function follow(sessionId, onEvent, onState = () => {}) {
  const controller = new AbortController();
  let stopped = false;
  let delay = 1000;

  async function run() {
    while (!stopped) {
      try {
        const res = await fetch(url('session', `/api/sessions/${encodeURIComponent(sessionId)}/events`), {
          headers: { Accept: 'text/event-stream', Authorization: `Bearer ${auth.token()}` },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (res.status === 401 || res.status === 403 || res.status === 404) {
          onState('stopped');
          return;
        }
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        onState('live');
        delay = 1000;
        let finished = false;
        await read(res.body, (ev) => {
          finished = finished || isLast(ev);
          onEvent(ev);
        });
        if (finished) break;
      } catch (e) {
        if (stopped || e.name === 'AbortError') break;
      }
      if (stopped) break;
      onState('reconnecting');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15000);
    }
    onState('stopped');
  }

  run();
  return () => {
    stopped = true;
    controller.abort();
  };
}

/** The event after which the server ends the stream for good (GradingProgress.last() on the server). */
function isLast(ev) {
  return ev && ev.type === 'all-graded' && ev.sessionStatus && ev.sessionStatus !== 'OPEN';
}

async function read(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
      if (!data) continue;
      try {
        onEvent(JSON.parse(data));
      } catch {
        // a line that is not JSON (a comment or keep-alive) carries no progress
      }
    }
  }
}
