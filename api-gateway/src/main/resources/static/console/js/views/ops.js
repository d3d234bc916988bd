// The operations view for an admin key: /api/v2/ops as tables: queues, outbox, jobs by kind and status,
// stuck jobs (retry one, retry all), dead letters (replay, discard, replay all) and the audit log.
import { get, post } from '../api.js';
import { h, clear, when, usd, badge, errorBox, alertBox, notify } from '../dom.js';

const SECTIONS = [
  ['Queues', '/api/v2/ops/queues'],
  ['Jobs', '/api/v2/ops/jobs'],
  ['Outbox', '/api/v2/ops/outbox'],
  ['Stuck jobs', '/api/v2/ops/jobs/stuck'],
  ['Dead letters', '/api/v2/ops/dead-letters?status=new'],
  ['Audit log', '/api/v2/ops/audit?limit=20'],
];

export async function opsView(root, ctx) {
  root.append(h('h1', 'Operations'));
  if (!ctx.isAdmin) {
    root.append(alertBox('info', 'This screen needs an admin key.'));
    return;
  }
  const refresh = h('button.secondary', { type: 'button', on: { click: () => ctx.go('#/ops') } }, 'Refresh');
  root.append(h('div.actions', refresh));
  const bodies = await Promise.all(SECTIONS.map(([, path]) => get(path).catch((e) => e)));
  SECTIONS.forEach(([title, path], i) => {
    const body = bodies[i];
    root.append(body instanceof Error ? h('section.card', h('h2', title), errorBox(body)) : section(title, path.split('?')[0], body, ctx));
  });
}

function section(title, path, body, ctx) {
  const deadLetters = path.endsWith('/dead-letters');
  const stuck = path.endsWith('/stuck');
  const message = h('div');
  const box = h('section.card.stack', { dataset: { ops: path } }, h('h2', title), message);
  const lists = Array.isArray(body) ? [['', body]] : Object.entries(body).filter(([, v]) => Array.isArray(v));
  // a page's next_cursor is paging, not a figure
  const scalars = Array.isArray(body) ? [] : Object.entries(body).filter(([k, v]) => k !== 'next_cursor' && (v === null || typeof v !== 'object'));
  const objects = Array.isArray(body) ? [] : Object.entries(body).filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v));
  if (scalars.length) box.append(h('dl.figures', scalars.map(([k, v]) => [h('dt', k.replace(/_/g, ' ')), h('dd', cell(k, v))])));
  for (const [k, v] of objects) box.append(h('h3', k.replace(/_/g, ' ')), h('dl.figures', Object.entries(v).map(([a, b]) => [h('dt', a.replace(/_/g, ' ')), h('dd', cell(a, b))])));
  for (const [name, rows] of lists) {
    if (name && name !== 'items') box.append(h('h3', name.replace(/_/g, ' ')));
    const actions = deadLetters ? (row) => [action('Replay', `${path}/${row.id}/replay`, message, ctx), ' ',
      action('Discard', `${path}/${row.id}/discard`, message, ctx)]
      : stuck ? (row) => action('Retry', `/api/v2/jobs/${row.id}/retry`, message, ctx) : null;
    box.append(table(rows, actions));
  }
  if (deadLetters && lists.some(([, rows]) => rows.length)) box.append(h('div.actions', action('Replay all', `${path}/replay`, message, ctx)));
  if (stuck && lists.some(([, rows]) => rows.length)) box.append(h('div.actions', action('Retry all stuck', '/api/v2/ops/jobs/retry-stuck', message, ctx)));
  return box;
}

function action(label, path, message, ctx) {
  return h('button.small', {
    type: 'button',
    on: {
      click: async () => {
        clear(message);
        try {
          await post(path, {});
          notify('ok', `${label}: done.`);
          ctx.go('#/ops');
        } catch (e) {
          message.append(errorBox(e));
        }
      },
    },
  }, label);
}

function table(rows, actionOf) {
  if (!rows.length) return h('p.muted', 'None.');
  const columns = [...new Set(rows.flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : ['value'])))].filter((c) => c !== 'links').slice(0, 9);
  return h('div.table-wrap', h('table', h('thead', h('tr', columns.map((c) => h('th', c.replace(/_/g, ' '))), actionOf ? h('th', '') : null)),
    h('tbody', rows.map((r) => h('tr', columns.map((c) => h('td', cell(c, r && typeof r === 'object' ? r[c] : r))),
      actionOf ? h('td', actionOf(r)) : null)))));
}

function cell(name, value) {
  if (value === null || value === undefined) return '—';
  if (name === 'status') return badge(value);
  if (/_usd$/.test(name)) return usd(value);
  if (/(_at|^at)$/.test(name)) return when(value);
  if (typeof value === 'object') return h('code', JSON.stringify(value));
  return String(value);
}
