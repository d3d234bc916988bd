// Building the page without innerHTML: every text a user or the API wrote goes in as a text node.

/** h('tag.class#id', {attrs, on: {event: fn}}, ...children): an element; strings become text nodes. */
export function h(spec, attrs, ...children) {
  const [, tag, rest] = spec.match(/^([a-z0-9]+)(.*)$/i);
  const el = document.createElement(tag);
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'on') {
      for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name in el && typeof value !== 'string' && name !== 'list') {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let fieldIds = 0;
/** A labelled form field: label + control (+ hint), ids wired for screen readers. */
export function field(labelText, control, hint) {
  const id = control.id || `f${++fieldIds}`;
  control.id = id;
  const parts = [h('label', { for: id }, labelText), control];
  if (hint) {
    const hintId = `${id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('p.hint', { id: hintId }, hint));
  }
  return h('div.field', parts);
}

export function badge(status) {
  return h(`span.badge.${String(status || 'unknown').replace(/[^a-z_]/gi, '')}`, String(status || '?').replace(/_/g, ' '));
}

export function usd(value) {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? `$${n.toFixed(n !== 0 && Math.abs(n) < 1 ? 4 : 2)}` : '—';
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
}

export function alertBox(kind, ...children) {
  return h(`div.alert.${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, children);
}

/** Shows an API error (or any error) where it happened, and in the page's live region. */
export function errorBox(error) {
  const code = error && error.code ? h('span.code', ` (${error.code}${error.status ? `, HTTP ${error.status}` : ''})`) : null;
  const id = error && error.requestId ? h('small.request-id', ` Request id: ${error.requestId}`) : null;
  return alertBox('error', error && error.message ? error.message : String(error), code, id);
}

let notifiedOn = null;
let notifiedAt = 0;

/** Clears the page-level notice when another screen opens (a notice set just before moving is kept for it). */
export function clearStaleNotice() {
  if (notifiedOn !== location.hash && Date.now() - notifiedAt > 300) clear(document.getElementById('notice'));
}

export function notify(kind, text) {
  const notice = document.getElementById('notice');
  notifiedAt = Date.now();
  notifiedOn = location.hash;
  clear(notice, alertBox(kind, text));
  if (kind !== 'error') setTimeout(() => { if (notice.textContent === text) clear(notice); }, 6000);
}
