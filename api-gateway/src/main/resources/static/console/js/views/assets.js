// Assets: upload by drag and drop (or the file picker), import from a URL, browse with thumbnails, delete.
import { request, post, del, all, blobUrl } from '../api.js';
import { h, clear, field, errorBox, notify, alertBox } from '../dom.js';

/** The campaign's assets (GET /campaigns/{id}/assets, every page). */
export async function assetsOf(campaignId) {
  return { items: await all(`/api/v2/campaigns/${campaignId}/assets`, 500) };
}

export async function assetsView(root, ctx) {
  const campaign = ctx.campaign;
  root.append(h('h1', 'Assets'));
  if (!campaign) {
    root.append(alertBox('info', 'Create a campaign first.'));
    return;
  }
  const input = h('input', { type: 'file', id: 'asset-file', accept: 'image/*,video/*,audio/*', multiple: true });
  const status = h('div', { 'aria-live': 'polite' });
  const zone = h('div.dropzone', { id: 'dropzone' },
    h('p', h('strong', 'Drop product shots, logos or other files here'), ` to add them to “${campaign.name}”,`),
    h('p', h('label', { for: 'asset-file' }, 'or choose files: '), input));
  const gallery = h('div.grid.thumbs', { id: 'asset-gallery' });
  const generated = h('div.grid.thumbs', { id: 'generated-gallery' });
  const url = h('input', { type: 'url', name: 'url', id: 'asset-url', placeholder: 'https://…', maxlength: 2000, required: true });
  const importForm = h('form.row', {
    id: 'asset-import',
    on: {
      submit: async (e) => {
        e.preventDefault();
        const line = h('p.muted', `Importing ${url.value} …`);
        status.append(line);
        try {
          const asset = await post(`/api/v2/campaigns/${campaign.id}/assets/import`, { url: url.value.trim() });
          line.replaceWith(alertBox('ok', `${asset.filename} imported.`));
          gallery.querySelector('.empty')?.remove();
          gallery.prepend(assetTile(asset));
          url.value = '';
        } catch (err) {
          line.replaceWith(errorBox(err));
        }
      },
    },
  }, field('Or import from a public URL', url), h('div.shrink', h('button.secondary', { type: 'submit' }, 'Import')));
  root.append(zone, importForm, status, h('h2', 'Uploaded'), gallery, h('h2', 'Generated in this campaign'), generated);

  const upload = async (files) => {
    for (const file of files) {
      const form = new FormData();
      form.append('file', file, file.name);
      const line = h('p.muted', `Uploading ${file.name} …`);
      status.append(line);
      try {
        const asset = await request('POST', `/api/v2/campaigns/${campaign.id}/assets`, form);
        line.replaceWith(alertBox('ok', `${file.name} uploaded.`));
        gallery.querySelector('.empty')?.remove();
        gallery.prepend(assetTile(asset));
      } catch (e) {
        line.replaceWith(errorBox({ ...e, message: `${file.name}: ${e.message}`, code: e.code, status: e.status }));
      }
    }
  };
  input.addEventListener('change', () => { upload([...input.files]); input.value = ''; });
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    upload([...e.dataTransfer.files]);
  });

  const { items } = await assetsOf(campaign.id);
  if (items.length === 0 && !gallery.children.length) gallery.append(h('p.muted.empty', 'No assets yet.'));
  for (const asset of items) gallery.append(assetTile(asset));

  for (const kind of ['images', 'videos']) {
    const page = await request('GET', `/api/v2/campaigns/${campaign.id}/generated-${kind}?limit=24`);
    for (const media of page.items) generated.append(mediaTile(media));
  }
  if (!generated.children.length) generated.append(h('p.muted', 'Nothing generated yet.'));
}

/** An asset's tile: its thumbnail, name, type and a delete button. */
export function assetTile(asset) {
  const label = asset.filename || asset.id;
  const isImage = (asset.content_type || '').startsWith('image/');
  const img = h('img', { alt: label, loading: 'lazy' });
  const remove = h('button.danger.small', {
    type: 'button',
    'aria-label': `Delete ${label}`,
    on: {
      click: async () => {
        if (!window.confirm(`Delete “${label}”? Storyboards and jobs that used it keep what they made.`)) return;
        try {
          await del(`/api/v2/assets/${asset.id}`);
          tile.remove();
          notify('ok', `${label} deleted.`);
        } catch (e) {
          tile.append(errorBox(e));
        }
      },
    },
  }, 'Delete');
  const tile = h('figure.thumb', { dataset: { assetId: asset.id } }, isImage ? img : h('div.caption', asset.content_type),
    h('figcaption.caption', label, h('br'), h('span.muted', `${asset.content_type}${asset.width ? ` · ${asset.width}×${asset.height}` : ''}`), h('br'), remove));
  if (isImage) {
    // a small server-made thumbnail; its bytes need the key, so they come as a blob (the CSP allows blob: images)
    blobUrl(`/api/v2/assets/${asset.id}/thumbnail`).then((src) => { img.src = src; }).catch((e) => tile.append(errorBox(e)));
  }
  return tile;
}

function mediaTile(media) {
  const label = media.prompt || media.id;
  const visual = media.kind === 'video'
    ? h('video', { src: media.data_url, muted: true, preload: 'metadata', controls: true, 'aria-label': `Video: ${label}` })
    : h('img', { src: media.data_url, alt: label, loading: 'lazy' });
  return h('figure.thumb', visual, h('figcaption.caption', label));
}

export { notify };
