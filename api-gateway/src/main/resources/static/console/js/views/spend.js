// Spend over time: the server's spend report (GET /clients/{id}/spend and /campaigns/{id}/spend with
// group_by=day|model|campaign), the client's stats beside it, drawn as plain SVG (no chart library).
import { get } from '../api.js';
import { h, clear, field, usd, alertBox, errorBox } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = ['#3b2f8f', '#0f7b6c', '#b5430b', '#8a1c7c', '#2f6db5', '#6b6b00', '#a4161a', '#4d4d4d'];

function isoDay(date) { return date.toISOString().slice(0, 10); }

export async function spendView(root, ctx) {
  root.append(h('h1', 'Spend'));
  const campaign = ctx.campaign;
  if (!campaign) {
    root.append(alertBox('info', 'Create a campaign first.'));
    return;
  }
  const to = new Date();
  const from = new Date(to.getTime() - 29 * 86400000);
  const fromInput = h('input', { type: 'date', name: 'from', value: isoDay(from) });
  const toInput = h('input', { type: 'date', name: 'to', value: isoDay(to) });
  const scope = h('select', { name: 'scope', id: 'spend-scope' },
    h('option', { value: 'client' }, 'All campaigns of the client'), h('option', { value: 'campaign' }, `Campaign “${campaign.name}”`));
  const out = h('div.stack', { id: 'spend' });
  const load = () => draw(out, ctx, campaign, scope.value, fromInput.value, toInput.value).catch((e) => clear(out, errorBox(e)));
  root.append(h('form.card.row', { on: { submit: (e) => { e.preventDefault(); load(); } } },
    field('From', fromInput), field('To', toInput), field('For', scope), h('div.shrink', h('button', { type: 'submit' }, 'Show'))),
  out);
  scope.addEventListener('change', load);
  await load();
}

/** The report's path for the chosen scope: the client's (the campaign's owner) or the campaign's own. */
function base(campaign, scope) {
  return scope === 'campaign' ? `/api/v2/campaigns/${campaign.id}` : `/api/v2/clients/${campaign.client_id}`;
}

async function draw(out, ctx, campaign, scope, from, to) {
  clear(out, h('p.muted', 'Loading …'));
  const path = base(campaign, scope);
  // the form's "to" day is included; the report's to is an instant (a date meaning its start), so the next day
  const end = isoDay(new Date(new Date(`${to}T00:00:00Z`).getTime() + 86400000));
  const query = (groupBy) => `${path}/spend?from=${from}&to=${end}&group_by=${groupBy}`;
  const [days, models, campaigns, stats] = await Promise.all([get(query('day')), get(query('model')), get(query('campaign')),
    get(`${path}/stats`)]);
  const names = new Map(ctx.campaigns.map((c) => [c.id, c.name]));
  const jobs = days.rows.reduce((n, r) => n + r.jobs, 0);
  // nothing spent (the local provider is free): the chart shows the jobs per day instead of a flat line
  const free = Number(days.total_usd) === 0;
  const measure = free ? { name: 'Jobs', format: (v) => String(Math.round(v)), axis: (v) => (Number.isInteger(v) ? String(v) : '') }
    : { name: 'Spend', format: usd, axis: axisUsd };
  const perDay = new Map(days.rows.map((r) => [r.key.slice(0, 10), free ? r.jobs : Number(r.cost_usd)]));
  const notes = [];
  if (free) {
    notes.push(alertBox('info', `${jobs} jobs in this period cost nothing: the local provider is free (Replicate models are priced per image and per second of video). The chart counts the jobs.`));
  }
  clear(out, notes,
    h('section.card.chart', h('h2', { id: 'spend-total' }, `Spend, ${from} to ${to}: ${usd(days.total_usd)} (${jobs} jobs)`),
      bars(from, to, perDay, measure)),
    h('div.split',
      h('section.card', { id: 'spend-by-model' }, h('h2', 'By model'), totalsTable(models.rows, (r) => r.key)),
      h('section.card', { id: 'spend-by-campaign' }, h('h2', 'By campaign'), totalsTable(campaigns.rows, (r) => r.label || names.get(r.key) || r.key))),
    statsCard(stats));
}

/** The scope's stats: spend and, per kind of job, how many and the average cost of a finished one. */
function statsCard(stats) {
  const averages = new Map((stats.average_costs || []).map((a) => [a.kind, a]));
  const byKind = new Map();
  for (const j of stats.jobs || []) byKind.set(j.kind, (byKind.get(j.kind) || 0) + Number(j.count));
  const kinds = [...new Set([...byKind.keys(), ...averages.keys()])];
  return h('section.card', { id: 'spend-stats' }, h('h2', `Jobs and average cost (all time: ${usd(stats.spend_usd)})`),
    kinds.length === 0 ? h('p.muted', 'No jobs yet.')
      : h('table', h('thead', h('tr', h('th', 'Kind'), h('th.num', 'Jobs'), h('th.num', 'Average cost'))),
        h('tbody', kinds.map((k) => h('tr', h('td', k), h('td.num', String(byKind.get(k) || 0)),
          h('td.num', averages.has(k) ? usd(averages.get(k).average_cost_usd) : '—'))))));
}

function totalsTable(rows, nameOf) {
  if (!rows.length) return h('p.muted', 'No jobs in this period.');
  return h('table', h('thead', h('tr', h('th', 'Name'), h('th.num', 'Jobs'), h('th.num', 'USD'))),
    h('tbody', rows.map((r) => h('tr', h('td', nameOf(r) || 'other'), h('td.num', String(r.jobs)), h('td.num', usd(r.cost_usd))))));
}

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function axisUsd(v) {
  return `$${v === 0 ? '0' : v.toFixed(v < 0.01 ? 4 : v < 10 ? 2 : 0)}`;
}

/** A round top for the axis: 1, 2 or 5 times a power of ten; $1 when nothing was spent. */
function niceCeiling(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= value);
}

/** One bar per day; an accessible name and a title per bar. */
function bars(from, to, perDay, measure) {
  const days = [];
  for (let t = new Date(`${from}T00:00:00Z`); isoDay(t) <= to && days.length < 400; t = new Date(t.getTime() + 86400000)) days.push(isoDay(t));
  const width = 800;
  const height = 260;
  const left = 56;
  const bottom = 28;
  const top = 12;
  const max = niceCeiling(Math.max(0, ...days.map((d) => perDay.get(d) || 0)));
  const plotH = height - top - bottom;
  const step = (width - left - 8) / Math.max(1, days.length);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${measure.name} per day; highest ${measure.format(max)}` });
  for (let i = 0; i <= 4; i++) {
    const y = top + plotH - (plotH * i) / 4;
    chart.append(svg('line', { x1: left, x2: width - 4, y1: y, y2: y, stroke: '#d8d6e4' }),
      svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#55536a' }, measure.axis((max * i) / 4)));
  }
  days.forEach((d, i) => {
    const v = perDay.get(d) || 0;
    if (v > 0) {
      const barH = (plotH * v) / max;
      chart.append(svg('rect', { x: left + i * step + step * 0.15, y: top + plotH - barH, width: Math.max(1, step * 0.7), height: barH, fill: COLOURS[0] },
        svg('title', {}, `${d}: ${measure.format(v)}`)));
    }
    const every = Math.ceil(days.length / 8);
    if (i % every === 0) {
      chart.append(svg('text', { x: left + i * step + step / 2, y: height - 8, 'text-anchor': 'middle', 'font-size': 11, fill: '#55536a' }, d.slice(5)));
    }
  });
  return chart;
}
