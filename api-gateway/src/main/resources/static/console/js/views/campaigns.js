// Campaigns: list with budget and spend at a glance, create, archive.
import { get, post, patch, all } from '../api.js';
import { h, clear, field, badge, usd, errorBox, notify } from '../dom.js';

/** All-time spend per campaign from each client's spend report (group_by=campaign): one call per client. */
export async function spendByCampaign(campaigns) {
  const spend = new Map();
  const clients = [...new Set(campaigns.map((c) => c.client_id))];
  const reports = await Promise.all(clients.map((id) =>
    get(`/api/v2/clients/${id}/spend?from=2000-01-01&to=${new Date(Date.now() + 86400000).toISOString().slice(0, 10)}&group_by=campaign`)));
  for (const report of reports) {
    for (const row of report.rows) spend.set(row.key, { usd: Number(row.cost_usd), jobs: row.jobs });
  }
  return spend;
}

export async function campaignsView(root, ctx) {
  await ctx.refreshCampaigns();
  const list = h('div.grid', { id: 'campaign-list' });
  root.append(h('h1', 'Campaigns'), createForm(ctx), h('h2', 'Your campaigns'), list);
  let spend = new Map();
  try {
    spend = await spendByCampaign(ctx.campaigns);
  } catch (e) {
    root.append(errorBox(e));
  }
  if (ctx.campaigns.length === 0) {
    list.append(h('p.muted', 'No campaigns yet: create the first one above.'));
  }
  for (const c of ctx.campaigns) list.append(card(c, spend.get(c.id), ctx));
}

function createForm(ctx) {
  const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200 });
  const description = h('input', { type: 'text', name: 'description' });
  const budget = h('input', { type: 'number', name: 'budget_usd', min: 0, step: '0.01', inputmode: 'decimal' });
  const client = ctx.isAdmin ? h('select', { name: 'client_id', required: true }) : null;
  const message = h('div');
  if (client) {
    all('/api/v2/clients', 300).then((clients) => {
      clear(client, clients.map((c) => h('option', { value: c.id }, c.name)));
    }).catch((e) => message.append(errorBox(e)));
  }
  const form = h('form.card.stack', {
    id: 'new-campaign',
    on: {
      submit: async (event) => {
        event.preventDefault();
        clear(message);
        const body = { name: name.value.trim() };
        if (description.value.trim()) body.description = description.value.trim();
        if (budget.value !== '') body.budget_usd = Number(budget.value);
        if (client) body.client_id = client.value;
        try {
          const created = await post('/api/v2/campaigns', body);
          ctx.select(created.id);
          notify('ok', `Campaign “${created.name}” created.`);
          ctx.go('#/campaigns');
        } catch (e) {
          message.append(errorBox(e));
        }
      },
    },
  },
  h('h2', 'New campaign'),
  h('div.row', field('Name', name), field('Description (optional)', description),
    field('Budget in USD (optional)', budget), client ? field('Client', client) : null),
  message,
  h('div', h('button', { type: 'submit' }, 'Create campaign')));
  return form;
}

function card(c, spent, ctx) {
  const used = spent ? spent.usd : 0;
  const budget = c.budget_usd === null || c.budget_usd === undefined ? null : Number(c.budget_usd);
  const share = budget ? Math.min(100, Math.round((100 * used) / budget)) : 0;
  const message = h('div');
  const isCurrent = ctx.campaign && ctx.campaign.id === c.id;
  const archive = h('button.secondary.small', {
    type: 'button',
    on: { click: () => setArchived(c, c.status !== 'archived', archive, message, ctx) },
  }, c.status === 'archived' ? 'Restore' : 'Archive');
  return h('article.card.campaign', { dataset: { campaignId: c.id }, 'aria-label': `Campaign ${c.name}` },
    h('h3', h('span', c.name), badge(c.status)),
    c.description ? h('p.muted', c.description) : null,
    h('dl.figures',
      h('dt', 'Budget'), h('dd', budget === null ? 'no limit' : usd(budget)),
      h('dt', 'Spent'), h('dd.spent', usd(used), spent ? ` (${spent.jobs} jobs)` : ''),
      h('dt', 'Created'), h('dd', new Date(c.created_at).toLocaleDateString())),
    budget ? h(`div.meter${used > budget ? '.over' : ''}`, { role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100,
      'aria-valuenow': share, 'aria-label': `${share}% of the budget spent` }, widthBar(share)) : null,
    message,
    h('div.actions',
      h('button.small', { type: 'button', 'aria-pressed': String(isCurrent),
        on: { click: () => { ctx.select(c.id); ctx.go('#/generate'); } } }, isCurrent ? 'Working on it: generate' : 'Work on this campaign'),
      h('a.button.secondary.small', { href: '#/storyboards', on: { click: () => ctx.select(c.id) } }, 'Briefs & storyboards'),
      archive));
}

/** Width through the CSSOM, not a style attribute: the CSP allows no inline styles. */
function widthBar(percent) {
  const bar = h('span');
  bar.style.width = `${percent}%`;
  return bar;
}

/** Archive or restore: PATCH /campaigns/{id} {status}; an archived campaign stays readable and refuses new work. */
async function setArchived(c, archived, button, message, ctx) {
  clear(message);
  button.disabled = true;
  try {
    await patch(`/api/v2/campaigns/${c.id}`, { status: archived ? 'archived' : 'active' });
    notify('ok', `Campaign “${c.name}” ${archived ? 'archived: it stays readable and takes no new work' : 'restored'}.`);
    ctx.go('#/campaigns');
  } catch (e) {
    message.append(errorBox(e));
    button.disabled = false;
  }
}
