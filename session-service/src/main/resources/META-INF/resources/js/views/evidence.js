// The answer text with the grader's evidence quotes marked where they occur. Quotes are matched
// ignoring case and runs of white space (the grader checks them the same lenient way); only quotes
// the service verified are marked, the rest are listed as rejected.
import { h } from '../dom.js';

function pattern(quote) {
  const escaped = quote.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return escaped ? new RegExp(escaped, 'gi') : null;
}

/** [{start, end, points:[n…]}], non-overlapping and sorted, for the verified quotes of each key point. */
export function evidenceRanges(text, keyPoints) {
  const raw = [];
  (keyPoints || []).forEach((kp, i) => {
    (kp.evidence || []).forEach((e) => {
      const quote = typeof e === 'string' ? e : e.quote;
      const verified = typeof e === 'string' ? true : e.verified !== false;
      if (!quote || !verified) return;
      const re = pattern(quote);
      if (!re) return;
      let m;
      while ((m = re.exec(text)) !== null) {
        raw.push({ start: m.index, end: m.index + m[0].length, points: [i + 1] });
        if (m[0].length === 0) re.lastIndex += 1;
      }
    });
  });
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged = [];
  raw.forEach((r) => {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
      r.points.forEach((p) => { if (!last.points.includes(p)) last.points.push(p); });
    } else {
      merged.push({ ...r, points: [...r.points] });
    }
  });
  return merged;
}

/** The answer as text nodes and <mark> elements; each mark names the key points it is evidence for. */
export function highlightedAnswer(text, keyPoints) {
  const ranges = evidenceRanges(text, keyPoints);
  const out = h('div', { class: 'answer-body evidence', id: 'answer-evidence' });
  let at = 0;
  ranges.forEach((r) => {
    if (r.start > at) out.append(document.createTextNode(text.slice(at, r.start)));
    const label = `evidence for key point ${r.points.sort((a, b) => a - b).join(', ')}`;
    out.append(h('mark', { title: label, dataset: { points: r.points.join(' ') } }, text.slice(r.start, r.end)),
      h('sup', { class: 'kp-ref', 'aria-label': label }, r.points.join(',')));
    at = r.end;
  });
  if (at < text.length) out.append(document.createTextNode(text.slice(at)));
  return out;
}
