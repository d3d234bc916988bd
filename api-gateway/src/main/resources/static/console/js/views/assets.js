// Assets: upload by drag and drop (or the file picker), browse with thumbnails.
import { request, get, optional, blobUrl, session } from '../api.js';
import { h, clear, errorBox, notify, alertBox } from '../dom.js';

/** The campaign's assets: the server's list where it has one, else those uploaded in this session. */
export async function assetsOf(campaignId) {
  const page = await optional(`/api/v2/campaigns/${campaignId}/assets?limit=100`);
  if (page && Array.isArray(page.items)) return { items: page.items, listed: true };
  const ids = session.get(`assets.${campaignId}`) || [];
  const items = [];
  for (const id of ids) {
    try { items.push(await get(`/api/v2/assets/${id}`)); } catch { /* deleted meanwhile */ }
  }
  return { items, listed: false };
}

function remember(asset) {
  const key = `assets.${asset.campaign_id}`;
  const ids = session.get(key) || [];
  if (!ids.includes(asset.id)) session.put(key, [asset.id, ...ids]);
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
  root.append(zone, status, h('h2', 'Uploaded'), gallery, h('h2', 'Generated in this campaign'), generated);

  const upload = async (files) => {
    for (const file of files) {
      const form = new FormData();
      form.append('file', file, file.name);
      const line = h('p.muted', `Uploading ${file.name} …`);
      status.append(line);
      try {
        const asset = await request('POST', `/api/v2/campaigns/${campaign.id}/assets`, form);
        remember(asset);
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

  const { items, listed } = await assetsOf(campaign.id);
  if (!listed) gallery.before(h('p.hint', 'This server has no asset list yet: shown are the assets uploaded in this browser tab.'));
  if (items.length === 0 && !gallery.children.length) gallery.append(h('p.muted.empty', 'No assets yet.'));
  for (const asset of items) gallery.append(assetTile(asset));

  for (const kind of ['images', 'videos']) {
    const page = await optional(`/api/v2/campaigns/${campaign.id}/generated-${kind}?limit=24`);
    for (const media of (page && page.items) || []) generated.append(mediaTile(media));
  }
  if (!generated.children.length) generated.append(h('p.muted', 'Nothing generated yet.'));
}

/** A thumbnail of an asset: its bytes need the key, so they come as a blob (the CSP allows blob: images). */
export function assetTile(asset) {
  const label = asset.filename || asset.id;
  const isImage = (asset.content_type || '').startsWith('image/');
  const img = h('img', { alt: label, loading: 'lazy' });
  const tile = h('figure.thumb', { dataset: { assetId: asset.id } }, isImage ? img : h('div.caption', asset.content_type),
    h('figcaption.caption', label, h('br'), h('span.muted', `${asset.content_type}${asset.width ? ` · ${asset.width}×${asset.height}` : ''}`)));
  if (isImage) {
    const link = (asset.links && (asset.links.thumbnail || asset.links.data)) || `/api/v2/assets/${asset.id}/data`;
    blobUrl(link).then((url) => { img.src = url; }).catch((e) => tile.append(errorBox(e)));
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
