// The console's shell: sign-in, the campaign picker, and a hash router over the screens.
import { get, session, ApiError, all } from './api.js';
import { h, clear, field, errorBox, notify, clearStaleNotice } from './dom.js';
import { campaignsView } from './views/campaigns.js';
import { assetsView } from './views/assets.js';
import { generateView } from './views/generate.js';
import { storyboardsView } from './views/storyboards.js';
import { productionsView } from './views/productions.js';
import { spendView } from './views/spend.js';
import { adminView } from './views/admin.js';
import { opsView } from './views/ops.js';

const view = document.getElementById('view');
const picker = document.getElementById('campaign-picker');

const routes = {
  campaigns: campaignsView, assets: assetsView, generate: generateView, storyboards: storyboardsView,
  productions: productionsView, spend: spendView, admin: adminView, ops: opsView,
};
const titles = {
  campaigns: 'Campaigns', assets: 'Assets', generate: 'Generate', storyboards: 'Storyboards',
  productions: 'Productions', spend: 'Spend', admin: 'Clients & keys', ops: 'Operations',
};

/** What every screen shares: who is signed in, the campaigns, the one being worked on. */
export const ctx = {
  isAdmin: false,
  campaigns: [],
  get campaign() {
    const id = session.get('campaign');
    return this.campaigns.find((c) => c.id === id) || this.campaigns.find((c) => c.status !== 'archived') || this.campaigns[0] || null;
  },
  select(id) {
    session.put('campaign', id);
    syncPicker();
  },
  async refreshCampaigns() {
    this.campaigns = await all('/api/v2/campaigns', 300);
    syncPicker();
    return this.campaigns;
  },
  go(hash) {
    if (location.hash === hash) render(); else location.hash = hash;
  },
  /** Stops live work (job streams) of the screen being left. */
  leaving: new AbortController(),
};

function syncPicker() {
  const current = ctx.campaign;
  clear(picker, ctx.campaigns.length === 0 ? h('option', { value: '' }, 'No campaigns yet')
    : ctx.campaigns.map((c) => h('option', { value: c.id, selected: current && c.id === current.id },
      `${c.name}${c.status === 'archived' ? ' (archived)' : ''}`)));
}

picker.addEventListener('change', () => {
  ctx.select(picker.value);
  render();
});

document.getElementById('sign-out').addEventListener('click', () => {
  session.clear();
  ctx.isAdmin = false;
  ctx.campaigns = [];
  notify('ok', 'Signed out. Your key was removed from this browser tab.');
  location.hash = '#/signin';
  render();
});

function signInView() {
  const key = h('input', { type: 'password', name: 'api_key', autocomplete: 'off', required: true, spellcheck: 'false' });
  const message = h('div');
  const form = h('form.card.signin.stack', {
    on: {
      submit: async (event) => {
        event.preventDefault();
        clear(message);
        session.key = key.value.trim();
        try {
          await start();
          started = true;
          ctx.go('#/campaigns');
        } catch (e) {
          session.key = null;
          clear(message, errorBox(e));
          key.focus();
        }
      },
    },
  },
  h('h1', 'Sign in'),
  h('p', 'Paste your Reelsmith API key. It stays in this browser tab only (session storage) and is sent in a header, never in a link.'),
  field('API key', key, './reelsmith --demo prints a demo client key and the admin key.'),
  message,
  h('button', { type: 'submit' }, 'Sign in'));
  return form;
}

/** Checks the key with a real call, learns whether it is an admin key, loads the campaigns. */
async function start() {
  if (!session.key) throw new ApiError(401, 'missing_api_key', 'Enter an API key.');
  await get('/api/v2/campaigns?limit=1');
  try {
    await get('/api/v2/clients?limit=1');
    ctx.isAdmin = true;
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 403 && e.status !== 401)) throw e;
    ctx.isAdmin = false;
  }
  await ctx.refreshCampaigns();
  document.getElementById('nav').hidden = false;
  document.getElementById('session').hidden = false;
  for (const item of document.querySelectorAll('.admin-only')) item.hidden = !ctx.isAdmin;
}

let started = false;

async function render() {
  ctx.leaving.abort();
  ctx.leaving = new AbortController();
  clearStaleNotice();
  const [, name = 'campaigns', ...rest] = (location.hash || '#/campaigns').split('/');
  if (!session.key || name === 'signin') {
    document.getElementById('nav').hidden = true;
    document.getElementById('session').hidden = true;
    started = false;
    document.title = 'Sign in · Reelsmith';
    clear(view, signInView());
    view.querySelector('input').focus();
    return;
  }
  if (!started) {
    try {
      await start();
      started = true;
    } catch (e) {
      session.key = null;
      clear(view, signInView());
      view.prepend(errorBox(e));
      return;
    }
  }
  const screen = routes[name] || campaignsView;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.route === name) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  document.title = `${titles[name] || 'Reelsmith'} · Reelsmith`;
  const container = h('div');
  clear(view, container);
  try {
    await screen(container, ctx, rest.map(decodeURIComponent), ctx.leaving.signal);
  } catch (e) {
    if (e && e.name === 'AbortError') return;
    if (e instanceof ApiError && e.status === 401) {
      session.key = null;
      started = false;
      notify('error', e.message);
      ctx.go('#/signin');
      return;
    }
    container.append(errorBox(e));
  }
  view.focus({ preventScroll: true });
}

window.addEventListener('hashchange', render);
render();
