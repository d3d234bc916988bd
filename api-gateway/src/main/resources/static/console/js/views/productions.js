// Productions: an approved storyboard being made into an ad, live per scene; the ad playing; exports.
import { get, post, ApiError } from '../api.js';
import { h, clear, field, badge, usd, when, errorBox, alertBox } from '../dom.js';
import { followJob, mediaPlayer } from '../jobs.js';

export async function productionsView(root, ctx, args, signal) {
  if (args[0] === 'ad' && args[1]) return adView(root, args[1], signal);
  if (args[0]) return productionView(root, args[0], signal);
  root.append(h('h1', 'Productions'));
  const campaign = ctx.campaign;
  if (!campaign) {
    root.append(alertBox('info', 'Create a campaign first.'));
    return;
  }
  root.append(h('p', 'An approved storyboard becomes an ad: open it from ', h('a', { href: '#/storyboards' }, 'Storyboards'),
    ' and choose “Produce the ad”.'));
  let page;
  try {
    page = await get(`/api/v2/jobs?campaign_id=${campaign.id}&kind=ad&limit=50`);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 400 || e.missingEndpoint)) {
      root.append(alertBox('info', 'Productions are not available on this server yet.'));
      return;
    }
    throw e;
  }
  if (!page.items.length) {
    root.append(h('p.muted', `No productions in “${campaign.name}” yet.`));
    return;
  }
  root.append(h('div.table-wrap', h('table', h('thead', h('tr', h('th', 'Started'), h('th', 'Status'), h('th', 'Stage'), h('th.num', 'Cost'), h('th', ''))),
    h('tbody', page.items.map((j) => h('tr', h('td', when(j.created_at)), h('td', badge(j.status)),
      h('td', (j.current_stage || '—').replace(/_/g, ' ')), h('td.num', usd(j.cost_usd)),
      h('td', h('a', { href: `#/productions/${j.id}` }, 'Open'))))))));
}

/** The ad a finished production made; read defensively, as the production API is young. */
export function adIdOf(job) {
  const r = job.result;
  if (r && typeof r === 'object' && (r.ad_id || r.id)) return r.ad_id || r.id;
  if (typeof r === 'string') return r;
  if (job.result_id) return job.result_id;
  if (job.ad_id) return job.ad_id;
  const link = job.links && (job.links.ad || job.links.result);
  return link ? link.split('/').pop() : null;
}

async function productionView(root, jobId, signal) {
  const area = h('div.stack', { id: 'production' });
  root.append(h('p', h('a', { href: '#/productions' }, '← Productions')), h('h1', 'Production'), area);
  const job = await followJob(area, jobId, { title: 'Making the ad', signal });
  if (job.status !== 'succeeded') {
    area.append(alertBox('error', `The production ${job.status}.`));
    return;
  }
  const adId = adIdOf(job);
  if (!adId) {
    area.append(alertBox('error', 'The production finished but did not name its ad.'));
    return;
  }
  await showAd(area, adId, signal);
}

async function adView(root, adId, signal) {
  const area = h('div.stack', { id: 'production' });
  root.append(h('p', h('a', { href: '#/productions' }, '← Productions')), h('h1', 'Ad'), area);
  await showAd(area, adId, signal);
}

async function showAd(area, adId, signal) {
  let ad;
  try {
    ad = await get(`/api/v2/ads/${adId}`);
  } catch (e) {
    if (e instanceof ApiError && e.missingEndpoint) {
      area.append(alertBox('info', 'Ads are not available on this server yet.'));
      return;
    }
    throw e;
  }
  const exportsList = h('ul.steps', { id: 'exports' });
  const message = h('div');
  const progress = h('div');
  const format = h('select', { name: 'format', id: 'export-format' }, ['mp4', 'mov', 'webm'].map((f) => h('option', { value: f }, f.toUpperCase())));
  const resolution = h('select', { name: 'resolution', id: 'export-resolution' }, [1080, 720, 480].map((r) => h('option', { value: String(r) }, `${r}p`)));
  const submit = h('button', { type: 'submit', id: 'export-submit' }, 'Export');
  const showExports = (exports) => clear(exportsList, (exports || []).length === 0 ? h('li.muted', 'No exports yet.')
    : exports.map((x) => h('li', h('span', `${(x.format || '').toUpperCase()} ${x.resolution ? `${x.resolution}p` : ''}`), badge(x.status || 'ready'),
      x.data_url ? h('a.button.small', { href: x.data_url, download: `ad-${adId}.${x.format || 'mp4'}` }, 'Download') : null)));
  showExports(ad.exports);
  area.append(h('section.card', { id: 'ad' }, h('h2', 'The ad'),
    mediaPlayer({ kind: 'video', content_type: 'video/mp4', ...ad, data_url: ad.data_url || (ad.video && ad.video.data_url) }),
    h('dl.figures', h('dt', 'Length'), h('dd', ad.duration_ms ? `${(ad.duration_ms / 1000).toFixed(1)} s` : (ad.duration_s ? `${ad.duration_s} s` : '—')),
      h('dt', 'Cost'), h('dd', usd(ad.cost_usd ?? ad.total_cost_usd)), h('dt', 'Made'), h('dd', when(ad.created_at)))),
  h('section.card.stack', h('h2', 'Exports'), exportsList,
    h('form.row', {
      id: 'export-form',
      on: {
        submit: async (e) => {
          e.preventDefault();
          clear(message);
          clear(progress);
          submit.disabled = true;
          try {
            const accepted = await post(`/api/v2/ads/${adId}/exports`, { format: format.value, resolution: Number(resolution.value) });
            const jobId = accepted.job_id || (accepted.job && accepted.job.id) || accepted.id;
            const done = await followJob(progress, jobId, { title: `Export ${format.value.toUpperCase()} ${resolution.value}p`, signal });
            const fresh = await get(`/api/v2/ads/${adId}`);
            showExports(fresh.exports);
            if (done.status === 'succeeded' && done.result && done.result.data_url && !(fresh.exports || []).some((x) => x.data_url)) {
              exportsList.append(h('li', h('a.button.small', { href: done.result.data_url, download: '' }, 'Download the export')));
            }
          } catch (err) {
            if (err.name !== 'AbortError') message.append(errorBox(err));
          } finally {
            submit.disabled = false;
          }
        },
      },
    }, field('Format', format), field('Resolution', resolution), h('div.shrink', submit)),
    message, progress));
}
