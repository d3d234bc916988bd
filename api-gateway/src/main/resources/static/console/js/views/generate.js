// Generate an image or a video from a prompt or an asset, watch it live, see it play.
import { post, optional } from '../api.js';
import { h, clear, field, errorBox, alertBox } from '../dom.js';
import { followJob, mediaPlayer, resultOf } from '../jobs.js';
import { assetsOf } from './assets.js';

export async function generateView(root, ctx, _args, signal) {
  const campaign = ctx.campaign;
  root.append(h('h1', 'Generate'));
  if (!campaign) {
    root.append(alertBox('info', 'Create a campaign first, on the Campaigns screen.'));
    return;
  }
  const kindImage = h('input', { type: 'radio', name: 'kind', value: 'image' });
  const kindVideo = h('input', { type: 'radio', name: 'kind', value: 'video', checked: true });
  const prompt = h('textarea', { name: 'prompt', id: 'prompt', maxlength: 2500, rows: 3,
    placeholder: 'A red sneaker on a beach at sunset, slow pan' });
  const source = h('select', { name: 'source', id: 'source' }, h('option', { value: '' }, 'None: from the prompt alone'));
  const duration = h('select', { name: 'duration_s' }, h('option', { value: '5' }, '5 s'), h('option', { value: '10' }, '10 s'));
  const ratio = h('select', { name: 'aspect_ratio' }, ['16:9', '9:16', '1:1'].map((r) => h('option', { value: r }, r)));
  const videoOptions = h('div.row', field('Length', duration), field('Aspect ratio', ratio));
  const message = h('div');
  const progress = h('div.stack', { id: 'generation' });
  const submit = h('button', { type: 'submit', id: 'generate-submit' }, 'Generate');

  const sync = () => { videoOptions.hidden = !kindVideo.checked; };
  kindImage.addEventListener('change', sync);
  kindVideo.addEventListener('change', sync);

  const form = h('form.card.stack', {
    id: 'generate-form',
    on: {
      submit: async (event) => {
        event.preventDefault();
        clear(message);
        const kind = kindVideo.checked ? 'video' : 'image';
        const body = { campaign_id: campaign.id };
        if (prompt.value.trim()) body.prompt = prompt.value.trim();
        if (source.value) {
          const [type, id] = source.value.split(':');
          body[type === 'asset' ? 'asset_id' : 'image_id'] = id;
        }
        if (kind === 'video') {
          body.duration_s = Number(duration.value);
          body.aspect_ratio = ratio.value;
        }
        submit.disabled = true;
        try {
          const accepted = await post(`/api/v2/generate/${kind}`, body);
          clear(progress);
          const job = await followJob(progress, accepted.job_id, { title: kind === 'video' ? 'Video' : 'Image', signal });
          if (job.status === 'succeeded') {
            const media = await resultOf(job);
            progress.append(h('section.card', { id: 'result' }, h('h2', 'Result'), mediaPlayer(media)));
          } else {
            progress.append(alertBox('error', `The ${kind} ${job.status}.`));
          }
        } catch (e) {
          if (e.name !== 'AbortError') message.append(errorBox(e));
        } finally {
          submit.disabled = false;
        }
      },
    },
  },
  h('p.muted', `In campaign “${campaign.name}”.`),
  h('fieldset', h('legend', 'What to make'), h('label', kindVideo, 'Video'), h('label', kindImage, 'Image')),
  field('Prompt', prompt, 'Describe the shot. A video from a prompt alone first generates its start image.'),
  field('Start from (optional)', source),
  videoOptions,
  message,
  h('div', submit));
  root.append(h('div.split', form, progress));

  // what a generation can start from: the campaign's assets and generated images
  try {
    const { items } = await assetsOf(campaign.id);
    const images = items.filter((a) => (a.content_type || '').startsWith('image/'));
    if (images.length) {
      source.append(h('optgroup', { label: 'Assets' },
        images.map((a) => h('option', { value: `asset:${a.id}` }, a.filename || a.id))));
    }
    const generated = await optional(`/api/v2/campaigns/${campaign.id}/generated-images?limit=50`);
    if (generated && generated.items.length) {
      source.append(h('optgroup', { label: 'Generated images' },
        generated.items.map((m) => h('option', { value: `image:${m.id}` }, (m.prompt || m.id).slice(0, 60)))));
    }
  } catch (e) {
    message.append(errorBox(e));
  }
}
