// For an admin key: clients, and each client's API keys (create: shown once; revoke).
import { get, post, patch, del, all } from '../api.js';
import { h, clear, field, when, badge, errorBox, alertBox, notify } from '../dom.js';

export async function adminView(root, ctx, args) {
  root.append(h('h1', 'Clients & keys'));
  if (!ctx.isAdmin) {
    root.append(alertBox('info', 'This screen needs an admin key.'));
    return;
  }
  const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200 });
  const message = h('div');
  root.append(h('form.card.row', {
    id: 'new-client',
    on: {
      submit: async (e) => {
        e.preventDefault();
        clear(message);
        try {
          const client = await post('/api/v2/clients', { name: name.value.trim() });
          notify('ok', `Client “${client.name}” created.`);
          ctx.go(`#/admin/${client.id}`);
        } catch (err) {
          message.append(errorBox(err));
        }
      },
    },
  }, field('New client', name), h('div.shrink', h('button', { type: 'submit' }, 'Create client'))), message);
  const clients = await all('/api/v2/clients', 500);
  const selected = args[0] || (clients[0] && clients[0].id);
  const keys = h('div.stack', { id: 'keys' });
  root.append(h('div.split.wide-right',
    h('section.card', h('h2', 'Clients'), h('ul', clients.map((c) => h('li',
      h('a', { href: `#/admin/${c.id}`, 'aria-current': c.id === selected ? 'true' : null }, c.name), ' ',
      c.status === 'archived' ? badge('archived') : null, ' ',
      h('span.muted', `since ${new Date(c.created_at).toLocaleDateString()}`))))),
    keys));
  if (selected) await showKeys(keys, clients.find((c) => c.id === selected) || await get(`/api/v2/clients/${selected}`));
}

async function showKeys(area, client) {
  const list = await get(`/api/v2/clients/${client.id}/api-keys`);
  const items = list.items || list;
  const name = h('input', { type: 'text', name: 'key_name', required: true, maxlength: 100 });
  const message = h('div');
  const scope = h('select', { name: 'scope', id: 'key-scope' }, h('option', { value: 'all' }, 'Full access'), h('option', { value: 'read' }, 'Read only'));
  const expires = h('input', { type: 'date', name: 'expires_at', id: 'key-expires' });
  const expired = (k) => k.expires_at && new Date(k.expires_at) <= new Date();
  const table = h('table', h('thead', h('tr', h('th', 'Name'), h('th', 'Prefix'), h('th', 'Access'), h('th', 'Expires'), h('th', 'Created'), h('th', 'Last used'), h('th', ''))),
    h('tbody', items.map((k) => h('tr', h('td', k.name || '—'), h('td', h('code', k.prefix || '')),
      h('td', k.scope === 'read' ? 'read only' : 'full'), h('td', k.expires_at ? `${expired(k) ? 'expired ' : ''}${when(k.expires_at)}` : 'never'),
      h('td', when(k.created_at)),
      h('td', k.revoked_at ? `revoked ${when(k.revoked_at)}` : when(k.last_used_at)),
      h('td', k.revoked_at ? '' : h('button.danger.small', {
        type: 'button',
        on: {
          click: async () => {
            if (!window.confirm(`Revoke the key “${k.name}”? Programs using it stop working.`)) return;
            try {
              await del(`/api/v2/api-keys/${k.id}`);
              notify('ok', 'Key revoked.');
              clear(area);
              await showKeys(area, client);
            } catch (err) {
              message.append(errorBox(err));
            }
          },
        },
      }, 'Revoke'))))));
  const archived = client.status === 'archived';
  const lifecycle = h('button.secondary.small', {
    type: 'button',
    id: 'client-archive',
    on: {
      click: async () => {
        try {
          const next = await patch(`/api/v2/clients/${client.id}`, { status: archived ? 'active' : 'archived' });
          notify('ok', `Client “${client.name}” ${archived ? 'restored' : 'archived: its campaigns stay readable and take no new work'}.`);
          clear(area);
          await showKeys(area, next);
        } catch (err) {
          message.append(errorBox(err));
        }
      },
    },
  }, archived ? 'Restore the client' : 'Archive the client');
  clear(area, h('section.card.stack', h('h2', `Keys of ${client.name}`, ' ', badge(client.status || 'active')), h('div.actions', lifecycle),
    h('div.table-wrap', table),
    h('form.row', {
      on: {
        submit: async (e) => {
          e.preventDefault();
          clear(message);
          try {
            const body = { name: name.value.trim(), scope: scope.value };
            // the key works through the chosen day (UTC)
            if (expires.value) body.expires_at = new Date(new Date(`${expires.value}T00:00:00Z`).getTime() + 86400000).toISOString();
            const created = await post(`/api/v2/clients/${client.id}/api-keys`, body);
            await showKeys(area, client);
            area.append(h('div.key-shown', { role: 'status' }, h('p', h('strong', 'New key (shown only now, copy it): ')),
              h('code', created.api_key)));
          } catch (err) {
            message.append(errorBox(err));
          }
        },
      },
    }, field('New key name', name), field('Access', scope), field('Expires (optional)', expires),
    h('div.shrink', h('button', { type: 'submit' }, 'Create key'))), message));
}
