// The public API as the page uses it: the key from sessionStorage in a header (never in a URL),
// JSON in snake_case, errors turned into ApiError with the server's own message.

const KEY = 'reelsmith.apiKey';

export class ApiError extends Error {
  constructor(status, code, message, field, requestId) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    /** The server's id of the failed request (error.request_id), for a user to quote to support. */
    this.requestId = requestId || null;
  }
  /** The endpoint itself does not exist on this server (not: the thing asked for does not exist). */
  get missingEndpoint() {
    return this.status === 405 || this.status === 501
      || (this.status === 404 && (this.code.startsWith('http_') || /no such endpoint|no handler|no route/i.test(this.message)));
  }
}

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  set key(value) { value ? sessionStorage.setItem(KEY, value) : sessionStorage.removeItem(KEY); },
  get(name) { const v = sessionStorage.getItem(`reelsmith.${name}`); return v === null ? null : JSON.parse(v); },
  put(name, value) { sessionStorage.setItem(`reelsmith.${name}`, JSON.stringify(value)); },
  clear() { sessionStorage.clear(); },
};

function headers(extra) {
  const result = { Accept: 'application/json', ...extra };
  if (session.key) result.Authorization = `Bearer ${session.key}`;
  return result;
}

async function errorOf(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not JSON */ }
  const e = body && body.error ? body.error : {};
  const fallback = response.status === 401 ? 'Your API key was not accepted; sign in again.'
    : `The server answered ${response.status} ${response.statusText || ''}`.trim();
  return new ApiError(response.status, e.code || `http_${response.status}`, e.message || fallback, e.field,
    e.request_id || response.headers.get('X-Request-Id'));
}

export async function request(method, path, body, options = {}) {
  const init = { method, headers: headers(options.headers) };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', `The server could not be reached (${e.message}).`);
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body === undefined ? {} : body);
export const patch = (path, body) => request('PATCH', path, body);
export const del = (path) => request('DELETE', path);

/** GET that answers null when the endpoint does not exist on this server (404/405): for optional features. */
export async function optional(path) {
  try {
    return await get(path);
  } catch (e) {
    if (e instanceof ApiError && e.missingEndpoint) return null;
    throw e;
  }
}

/** Bytes behind a key-protected link (an asset's data) as an object URL for an <img>. */
export async function blobUrl(path) {
  const response = await fetch(path, { headers: headers({ Accept: '*/*' }) });
  if (!response.ok) throw await errorOf(response);
  return URL.createObjectURL(await response.blob());
}

/** Every page of a list endpoint, up to maxItems. */
export async function all(path, maxItems = 500) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(`${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...(page.items || []));
    cursor = page.next_cursor;
  } while (cursor && items.length < maxItems);
  return items;
}

export const TERMINAL = new Set(['succeeded', 'failed', 'canceled', 'cancelled', 'dead_lettered']);

/**
 * Follows a job until it finishes, calling onUpdate(job, via) with each state seen. Reads the job's
 * Server-Sent Events (GET /jobs/{id}/events) with fetch, as EventSource cannot send the key in a
 * header; with children, a production's scenes come on the same stream. Only if the stream cannot
 * be opened or breaks does it poll GET /jobs/{id} every second (via 'poll').
 * Answers the finished job as GET /jobs/{id} shows it (with its result).
 */
export async function watchJob(jobId, onUpdate, signal, { children = false } = {}) {
  let job = await get(`/api/v2/jobs/${jobId}`);
  onUpdate(job, TERMINAL.has(job.status) ? 'done' : 'start');
  if (TERMINAL.has(job.status)) return job;
  try {
    job = await streamEvents(jobId, job, onUpdate, signal, children);
  } catch (e) {
    if (signal && signal.aborted) throw e;
    // no stream here (or it broke): polling below picks up from the current state
  }
  while (!TERMINAL.has(job.status)) {
    if (signal && signal.aborted) throw new DOMException('stopped', 'AbortError');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    job = await get(`/api/v2/jobs/${jobId}`);
    onUpdate(job, 'poll');
  }
  return job;
}

async function streamEvents(jobId, job, onUpdate, signal, children) {
  const response = await fetch(`/api/v2/jobs/${jobId}/events${children ? '?include_children=true' : ''}`, { headers: headers({ Accept: 'text/event-stream' }), signal });
  if (!response.ok || !(response.headers.get('Content-Type') || '').includes('text/event-stream')) {
    throw await errorOf(response);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let state = { ...job };
  onUpdate(state, 'stream');
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = parseEvent(block);
        if (!event) continue;
        state = merge(state, event);
        onUpdate(state, 'stream');
        if (TERMINAL.has(state.status) || event.name === 'done') {
          // the finished job with its result and signed links, as GET shows it
          const finished = await get(`/api/v2/jobs/${jobId}`);
          onUpdate(finished, 'stream');
          if (TERMINAL.has(finished.status)) return finished;
          state = finished;
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  return state;
}

function parseEvent(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const fieldName = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (fieldName === 'event') name = value;
    else if (fieldName === 'data') data.push(value);
  }
  if (!data.length && name === 'message') return null;
  let payload = data.join('\n');
  try { payload = JSON.parse(payload); } catch { payload = { message: payload }; }
  return { name, payload };
}

/** An event's data onto what is known of the job: its fields (status, progress, stage, ...) or a child's. */
function merge(state, { name, payload }) {
  if (!payload || typeof payload !== 'object') return state;
  const own = !payload.job_id || payload.job_id === state.id || payload.id === state.id;
  if (!own) {
    const children = [...(state.children || [])];
    const id = payload.job_id || payload.id;
    const i = children.findIndex((c) => c.id === id);
    const child = { ...(i >= 0 ? children[i] : { id, kind: payload.kind }), ...payload };
    if (i >= 0) children[i] = child; else children.push(child);
    return { ...state, children };
  }
  const next = { ...state, ...payload, id: state.id };
  if (payload.stage && !payload.current_stage) next.current_stage = payload.stage;
  if (name === 'done' && !payload.status) next.status = state.status;
  return next;
}
