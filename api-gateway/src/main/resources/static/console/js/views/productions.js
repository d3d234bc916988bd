// Productions: an approved storyboard being made into an ad, live per scene; the ad playing; exports.
import { get, post } from '../api.js';
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
  const page = await get(`/api/v2/jobs?campaign_id=${campaign.id}&kind=ad&limit=50`);
  if (!page.items.length) {
    root.append(h('p.muted', `No productions in “${campaign.name}” yet.`));
    return;
  }
  root.append(h('div.table-wrap', h('table', h('thead', h('tr', h('th', 'Started'), h('th', 'Status'), h('th', 'Stage'), h('th.num', 'Cost'), h('th', ''))),
    h('tbody', page.items.map((j) => h('tr', h('td', when(j.created_at)), h('td', badge(j.status)),
      h('td', (j.current_stage || '—').replace(/_/g, ' ')), h('td.num', usd(j.cost_usd)),
      h('td', h('a', { href: `#/productions/${j.id}` }, 'Open'), ' ',
        j.links && j.links.ad ? h('a', { href: `#/productions/ad/${j.links.ad.split('/').pop()}` }, 'The ad') : null)))))));
}

/** The ad a finished production made: its links.ad, /api/v2/ads/{id}. */
export function adIdOf(job) {
  return job.links && job.links.ad ? job.links.ad.split('/').pop() : null;
}

async function productionView(root, jobId, signal) {
  const area = h('div.stack', { id: 'production' });
  root.append(h('p', h('a', { href: '#/productions' }, '← Productions')), h('h1', 'Production'), area);
  const job = await followJob(area, jobId, { title: 'Making the ad', signal, children: true });
  if (job.status !== 'succeeded') {
    area.append(alertBox('error', `The production ${job.status}.`));
    if (job.status === 'failed') area.append(retrySceneForm(job));
    return;
  }
  const adId = adIdOf(job);
  if (!adId) {
    area.append(alertBox('error', 'The production finished but did not name its ad.'));
    return;
  }
  await showAd(area, adId, signal);
}

/** A failed production starts again from a scene: the clips already made are kept (POST /jobs/{id}/retry-scene). */
function retrySceneForm(job) {
  const named = /scene (\S+) \(position/.exec((job.error && job.error.message) || '');
  const scene = h('input', { type: 'text', name: 'scene_id', id: 'retry-scene-id', required: true, value: named ? named[1] : '' });
  const message = h('div');
  return h('form.card.row', {
    id: 'retry-scene',
    on: {
      submit: async (e) => {
        e.preventDefault();
        clear(message);
        try {
          const accepted = await post(`/api/v2/jobs/${job.id}/retry-scene`, { scene_id: scene.value.trim() });
          location.hash = `#/productions/${accepted.job_id}`;
        } catch (err) {
          message.append(errorBox(err));
        }
      },
    },
  }, field('Retry from scene', scene, 'The scene the error names; the scenes already made are kept.'),
  h('div.shrink', h('button', { type: 'submit' }, 'Retry the production')), message);
}

async function adView(root, adId, signal) {
  const area = h('div.stack', { id: 'production' });
  root.append(h('p', h('a', { href: '#/productions' }, '← Productions')), h('h1', 'Ad'), area);
  await showAd(area, adId, signal);
}

async function showAd(area, adId, signal) {
  const ad = await get(`/api/v2/ads/${adId}`);
  const exportsList = h('ul.steps', { id: 'exports' });
  const message = h('div');
  const progress = h('div');
  const format = h('select', { name: 'format', id: 'export-format' }, ['mp4', 'mov', 'webm'].map((f) => h('option', { value: f }, f.toUpperCase())));
  const resolution = h('select', { name: 'resolution', id: 'export-resolution' }, [1080, 720, 480].map((r) => h('option', { value: String(r) }, `${r}p`)));
  const ratio = h('select', { name: 'aspect_ratio', id: 'export-ratio' }, h('option', { value: '' }, `As made (${ad.aspect_ratio})`),
    ['16:9', '9:16', '1:1', '4:5'].map((r) => h('option', { value: r }, r)));
  const submit = h('button', { type: 'submit', id: 'export-submit' }, 'Export');
  const showExports = (exports) => clear(exportsList, (exports || []).length === 0 ? h('li.muted', 'No exports yet.')
    : exports.map((x) => h('li', { dataset: { format: x.format, resolution: String(x.resolution) } },
      h('span', `${x.format.toUpperCase()} ${x.resolution}p ${x.aspect_ratio || ''}${x.bytes ? ` · ${Math.round(x.bytes / 1024)} KiB` : ''}`),
      badge(x.status),
      x.data_url ? h('a.button.small', { href: x.data_url, download: `ad-${adId}-${x.resolution}p.${x.format}`, type: x.content_type }, 'Download') : null)));
  showExports(ad.exports);
  area.append(h('section.card', { id: 'ad' }, h('h2', 'The ad'),
    mediaPlayer({ ...ad, kind: 'video' }),
    h('dl.figures', h('dt', 'Length'), h('dd', `${(ad.duration_ms / 1000).toFixed(1)} s`),
      h('dt', 'Frame'), h('dd', `${ad.width}×${ad.height} · ${ad.aspect_ratio}`),
      h('dt', 'Music'), h('dd', ad.music || '—'),
      h('dt', 'Storyboard'), h('dd', h('a', { href: `#/storyboards/${ad.storyboard_id}` }, `version ${ad.storyboard_version}`)),
      h('dt', 'Made'), h('dd', when(ad.created_at)))),
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
            const body = { format: format.value, resolution: Number(resolution.value) };
            if (ratio.value) body.aspect_ratio = ratio.value;
            const accepted = await post(`/api/v2/ads/${adId}/exports`, body);
            if (accepted.status !== 'succeeded') {
              await followJob(progress, accepted.job_id, { title: `Export ${format.value.toUpperCase()} ${resolution.value}p`, signal });
            }
            showExports((await get(`/api/v2/ads/${adId}`)).exports);
          } catch (err) {
            if (err.name !== 'AbortError') message.append(errorBox(err));
          } finally {
            submit.disabled = false;
          }
        },
      },
    }, field('Format', format), field('Resolution', resolution), field('Aspect ratio', ratio), h('div.shrink', submit)),
    message, progress));
}
