// Spend over time by model and by campaign: the server's spend report where it has one, drawn as
// plain SVG (no chart library); otherwise added up in the browser from the jobs' own costs.
import { optional, all } from '../api.js';
import { h, clear, field, usd, alertBox, errorBox } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = ['#3b2f8f', '#0f7b6c', '#b5430b', '#8a1c7c', '#2f6db5', '#6b6b00', '#a4161a', '#4d4d4d'];
const VALUE_FIELDS = ['cost_usd', 'spend_usd', 'total_usd', 'usd', 'amount_usd', 'amount', 'spend', 'total'];

function isoDay(date) { return date.toISOString().slice(0, 10); }

export async function spendView(root, ctx) {
  const to = new Date();
  const from = new Date(to.getTime() - 29 * 86400000);
  const fromInput = h('input', { type: 'date', name: 'from', value: isoDay(from) });
  const toInput = h('input', { type: 'date', name: 'to', value: isoDay(to) });
  const by = h('select', { name: 'series', id: 'spend-series' }, h('option', { value: 'model' }, 'Model'), h('option', { value: 'campaign' }, 'Campaign'));
  const out = h('div.stack', { id: 'spend' });
  const load = () => draw(out, ctx, fromInput.value, toInput.value, by.value).catch((e) => out.append(errorBox(e)));
  root.append(h('h1', 'Spend'),
    h('form.card.row', { on: { submit: (e) => { e.preventDefault(); load(); } } },
      field('From', fromInput), field('To', toInput), field('Split by', by), h('div.shrink', h('button', { type: 'submit' }, 'Show'))),
    out);
  by.addEventListener('change', load);
  await load();
}

/** The spend report, if this server has one: tried where it may live; null when nowhere. */
async function report(ctx, groupBy, from, to) {
  const query = `from=${from}&to=${to}&group_by=${groupBy}`;
  const clientId = ctx.campaigns.length ? ctx.campaigns[0].client_id : null;
  const places = ['/api/v2/spend', '/api/v2/reports/spend'];
  if (clientId && !ctx.isAdmin) places.push(`/api/v2/clients/${clientId}/spend`);
  for (const place of places) {
    const body = await optional(`${place}?${query}`);
    if (body) return rowsOf(body);
  }
  return null;
}

function rowsOf(body) {
  const list = Array.isArray(body) ? body
    : body.items || body.rows || body.buckets || body.groups || body.series || body.data || [];
  return list.map((row) => {
    const valueField = VALUE_FIELDS.find((f) => row[f] !== undefined && row[f] !== null);
    return {
      day: row.day || row.date || row.period || row.bucket || null,
      model: row.model || null,
      campaign: row.campaign_name || row.campaign || row.campaign_id || null,
      usd: Number(valueField ? row[valueField] : 0),
    };
  });
}

/** Fallback: every job's own cost, by day, kind and campaign. */
async function fromJobs(from, to) {
  const jobs = await all('/api/v2/jobs', 2000);
  const end = new Date(`${to}T23:59:59Z`).getTime();
  const start = new Date(`${from}T00:00:00Z`).getTime();
  return jobs.filter((j) => {
    const t = new Date(j.created_at).getTime();
    return t >= start && t <= end && j.cost_usd !== null && j.cost_usd !== undefined;
  }).map((j) => ({ day: j.created_at.slice(0, 10), model: j.model || j.kind, campaign: j.campaign_id, usd: Number(j.cost_usd) }));
}

async function draw(out, ctx, from, to, seriesBy) {
  clear(out, h('p.muted', 'Loading …'));
  const names = new Map(ctx.campaigns.map((c) => [c.id, c.name]));
  const label = (row) => (seriesBy === 'campaign' ? names.get(row.campaign) || row.campaign || 'other' : row.model || 'other');
  let days = await report(ctx, 'day', from, to);
  let models = days ? await report(ctx, 'model', from, to) : null;
  let campaigns = days ? await report(ctx, 'campaign', from, to) : null;
  const notes = [];
  if (!days) {
    notes.push(alertBox('info', 'The spend report is not available on this server: the figures below are added up in your browser from your jobs’ costs.'));
    const rows = await fromJobs(from, to);
    days = rows;
    models = rows;
    campaigns = rows;
  }
  const perDay = new Map();
  const seriesNames = new Set();
  for (const row of days) {
    if (!row.day) continue;
    const s = row.model || row.campaign ? label(row) : 'total';
    seriesNames.add(s);
    const day = perDay.get(row.day) || new Map();
    day.set(s, (day.get(s) || 0) + row.usd);
    perDay.set(row.day, day);
  }
  const series = [...seriesNames];
  const total = days.reduce((sum, r) => sum + (r.day ? r.usd : 0), 0);
  if (total === 0) notes.push(alertBox('info', 'Nothing was spent in this period (the local provider is free; Replicate models are priced per image and per second of video).'));
  clear(out, notes,
    h('section.card.chart', h('h2', `Spend per day, ${from} to ${to}: ${usd(total)}`),
      stackedBars(from, to, perDay, series),
      h('ul.legend', series.map((s, i) => h('li', swatch(i), s)))),
    h('div.split',
      h('section.card', h('h2', 'By model'), totalsTable(models, (r) => r.model || 'other')),
      h('section.card', h('h2', 'By campaign'), totalsTable(campaigns, (r) => names.get(r.campaign) || r.campaign || 'other'))));
}

function swatch(i) {
  const s = h('span.swatch', { 'aria-hidden': 'true' });
  s.style.background = COLOURS[i % COLOURS.length];
  return s;
}

function totalsTable(rows, keyOf) {
  const sums = new Map();
  for (const r of rows || []) sums.set(keyOf(r), (sums.get(keyOf(r)) || 0) + r.usd);
  const sorted = [...sums].sort((a, b) => b[1] - a[1]);
  if (!sorted.length) return h('p.muted', 'No spend in this period.');
  return h('table', h('thead', h('tr', h('th', 'Name'), h('th.num', 'USD'))),
    h('tbody', sorted.map(([k, v]) => h('tr', h('td', k), h('td.num', usd(v))))));
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

/** One bar per day, stacked by series; an accessible name and a title per segment. */
function stackedBars(from, to, perDay, series) {
  const days = [];
  for (let t = new Date(`${from}T00:00:00Z`); isoDay(t) <= to && days.length < 400; t = new Date(t.getTime() + 86400000)) days.push(isoDay(t));
  const width = 800;
  const height = 260;
  const left = 56;
  const bottom = 28;
  const top = 12;
  const max = niceCeiling(Math.max(0, ...days.map((d) => [...(perDay.get(d) || new Map()).values()].reduce((a, b) => a + b, 0))));
  const plotH = height - top - bottom;
  const step = (width - left - 8) / Math.max(1, days.length);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Spend per day; highest ${usd(max)}` });
  for (let i = 0; i <= 4; i++) {
    const y = top + plotH - (plotH * i) / 4;
    chart.append(svg('line', { x1: left, x2: width - 4, y1: y, y2: y, stroke: '#d8d6e4' }),
      svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#55536a' }, axisUsd((max * i) / 4)));
  }
  days.forEach((d, i) => {
    let y = top + plotH;
    const values = perDay.get(d) || new Map();
    series.forEach((s, k) => {
      const v = values.get(s) || 0;
      if (v <= 0) return;
      const barH = (plotH * v) / max;
      y -= barH;
      chart.append(svg('rect', { x: left + i * step + step * 0.15, y, width: Math.max(1, step * 0.7), height: barH, fill: COLOURS[k % COLOURS.length] },
        svg('title', {}, `${d} · ${s}: ${usd(v)}`)));
    });
    const every = Math.ceil(days.length / 8);
    if (i % every === 0) {
      chart.append(svg('text', { x: left + i * step + step / 2, y: height - 8, 'text-anchor': 'middle', 'font-size': 11, fill: '#55536a' }, d.slice(5)));
    }
  });
  return chart;
}
