// Briefs → storyboard review: scenes as cards with keyframe previews; edit, reorder (drag or
// buttons), refine with feedback, submit, approve / request changes / reject; the version history.
import { get, post, patch, watchJob, optional, ApiError } from '../api.js';
import { h, clear, field, badge, usd, when, errorBox, alertBox, notify } from '../dom.js';
import { followJob } from '../jobs.js';

const PLATFORMS = [['tiktok', 'TikTok (9:16, 15 s)'], ['instagram_reel', 'Instagram Reel (9:16, 30 s)'],
  ['youtube', 'YouTube (16:9, 30 s)'], ['youtube_short', 'YouTube Short (9:16, 20 s)'], ['linkedin', 'LinkedIn (1:1, 30 s)'],
  ['custom', 'Custom (16:9, 30 s)']];

export async function storyboardsView(root, ctx, args, signal) {
  if (args[0]) return storyboardView(root, ctx, args[0], args[1] === 'v' ? Number(args[2]) : null, signal);
  const campaign = ctx.campaign;
  root.append(h('h1', 'Briefs & storyboards'));
  if (!campaign) {
    root.append(alertBox('info', 'Create a campaign first.'));
    return;
  }
  const progress = h('div.stack');
  root.append(h('div.split', briefForm(campaign, progress, ctx, signal), progress));
  const list = h('div.table-wrap');
  root.append(h('h2', `Briefs in “${campaign.name}”`), list);
  const page = await get(`/api/v2/campaigns/${campaign.id}/briefs?limit=50`);
  if (!page.items.length) {
    list.replaceWith(h('p.muted', 'No briefs yet: write the first one above.'));
    return;
  }
  list.append(h('table', h('thead', h('tr', h('th', 'Product'), h('th', 'Platform'), h('th', 'Planning'), h('th', 'Written'), h('th', 'Storyboard'))),
    h('tbody', page.items.map((b) => h('tr',
      h('td', b.product || b.text.slice(0, 60)), h('td', b.platform), h('td', badge(b.job_status)), h('td', when(b.created_at)),
      h('td', b.storyboard_id ? h('a', { href: `#/storyboards/${b.storyboard_id}` }, 'Review') : '—'))))));
}

function briefForm(campaign, progress, ctx, signal) {
  const text = h('textarea', { name: 'text', id: 'brief-text', required: true, maxlength: 5000, rows: 4,
    placeholder: 'Launch of the Aero 2 running sneaker: a first step off the curb turns into flight.' });
  const product = h('input', { type: 'text', name: 'product', id: 'brief-product', maxlength: 300 });
  const platform = h('select', { name: 'platform', id: 'brief-platform' }, PLATFORMS.map(([v, l]) => h('option', { value: v }, l)));
  const cta = h('input', { type: 'text', name: 'call_to_action', id: 'brief-cta', maxlength: 200 });
  const tone = h('input', { type: 'text', name: 'tone', maxlength: 200 });
  const duration = h('input', { type: 'number', name: 'duration_s', id: 'brief-duration', min: 5, max: 120, step: 1,
    placeholder: 'platform default' });
  const message = h('div');
  const submit = h('button', { type: 'submit', id: 'brief-submit' }, 'Plan a storyboard');
  return h('form.card.stack', {
    id: 'brief-form',
    on: {
      submit: async (event) => {
        event.preventDefault();
        clear(message);
        const body = { text: text.value.trim(), platform: platform.value };
        if (product.value.trim()) body.product = product.value.trim();
        if (cta.value.trim()) body.call_to_action = cta.value.trim();
        if (tone.value.trim()) body.tone = tone.value.trim();
        if (duration.value) body.duration_s = Number(duration.value);
        submit.disabled = true;
        try {
          const accepted = await post(`/api/v2/campaigns/${campaign.id}/briefs`, body);
          clear(progress);
          const job = await followJob(progress, accepted.job_id, { title: 'Planning the storyboard', signal });
          const brief = await get(`/api/v2/briefs/${accepted.id}`);
          if (job.status === 'succeeded' && brief.storyboard_id) ctx.go(`#/storyboards/${brief.storyboard_id}`);
          else progress.append(alertBox('error', `Planning ${job.status}.`));
        } catch (e) {
          if (e.name !== 'AbortError') message.append(errorBox(e));
        } finally {
          submit.disabled = false;
        }
      },
    },
  },
  h('h2', 'New brief'),
  field('Brief', text, 'What the ad is about, in your words. The planner turns it into scenes: hook, showcase, benefits, call to action.'),
  h('div.row', field('Product', product), field('Platform', platform)),
  h('div.row', field('Call to action', cta), field('Tone (optional)', tone)),
  h('div.row', field('Length in seconds (optional, 5–120)', duration, 'Shorter ads are made faster.')),
  message, h('div', submit));
}

async function storyboardView(root, ctx, id, version, signal) {
  const board = await get(version ? `/api/v2/storyboards/${id}/versions/${version}` : `/api/v2/storyboards/${id}`);
  const state = { board, root, ctx, signal };
  render(state);
  watchPreviews(state);
}

function editable(board) {
  return board.version === board.current_version && (board.status === 'draft' || board.status === 'changes_requested');
}

function render(state) {
  const { board, root } = state;
  const d = board.direction || {};
  const message = h('div', { id: 'board-message' });
  state.message = message;
  const old = board.version !== board.current_version;
  clear(root,
    h('p', h('a', { href: '#/storyboards' }, '← Briefs')),
    h('h1', `Storyboard: ${d.product || 'untitled'} `, badge(board.status)),
    old ? alertBox('info', `You are looking at version ${board.version}; the current one is ${board.current_version}. `,
      h('a', { href: `#/storyboards/${board.id}` }, 'Go to the current version')) : null,
    h('dl.figures', { id: 'board-figures' },
      h('dt', 'Version'), h('dd', `${board.version} of ${board.current_version}${board.approved_version ? ` (approved: ${board.approved_version})` : ''}`),
      h('dt', 'Platform'), h('dd', `${d.platform || '—'} · ${d.aspect_ratio || ''} · ${board.total_duration_s} s`),
      h('dt', 'Message'), h('dd', d.message || '—'),
      h('dt', 'Look'), h('dd', [d.visual_style, d.camera_and_motion].filter(Boolean).join(' · ') || '—'),
      h('dt', 'Sound'), h('dd', d.audio_direction || '—'),
      h('dt', 'Call to action'), h('dd', d.call_to_action || '—'),
      h('dt', 'Production estimate'), h('dd', usd(board.estimated_cost_usd)),
      h('dt', 'Refinements left'), h('dd', String(board.refinements_left))),
    message,
    reviewActions(state),
    h('h2', 'Scenes'),
    editable(board) ? h('p.hint', 'Drag a card to reorder, or use its Move buttons.') : null,
    scenes(state),
    editable(board) ? refineForm(state) : null,
    h('h2', 'History'),
    history(board));
}

async function act(state, fn, okText) {
  clear(state.message);
  try {
    const next = await fn();
    if (next && next.scenes) state.board = next;
    else state.board = await get(`/api/v2/storyboards/${state.board.id}`);
    render(state);
    watchPreviews(state);
    if (okText) notify('ok', okText);
  } catch (e) {
    if (e.name === 'AbortError') return;
    state.message.append(errorBox(e));
    if (e instanceof ApiError && e.status === 409) {
      state.message.append(h('button.secondary.small', { type: 'button', on: { click: () => act(state, () => null) } }, 'Load the current version'));
    }
  }
}

function reviewActions(state) {
  const { board, ctx } = state;
  const base = `/api/v2/storyboards/${board.id}`;
  const comment = h('textarea', { id: 'review-comment', rows: 2, name: 'comment' });
  const buttons = [];
  if (board.version !== board.current_version) return null;
  if (editable(board)) {
    buttons.push(h('button.secondary', { type: 'button', id: 'make-previews',
      on: { click: () => act(state, () => post(`${base}/previews`, {}).then(() => null), 'Keyframe previews are being made.') } },
    'Make keyframe previews'));
    buttons.push(h('button', { type: 'button', id: 'submit-review',
      on: { click: () => act(state, () => post(`${base}/submit`, { version: board.version, comment: comment.value || undefined }), 'Submitted for review.') } },
    'Submit for review'));
  }
  if (board.status === 'in_review') {
    buttons.push(h('button', { type: 'button', id: 'approve',
      on: { click: () => act(state, () => post(`${base}/approve`, { version: board.version, comment: comment.value || undefined }), 'Approved.') } },
    'Approve'));
    buttons.push(h('button.secondary', { type: 'button', id: 'request-changes',
      on: { click: () => act(state, () => post(`${base}/request-changes`, { version: board.version, comment: comment.value }), 'Changes requested.') } },
    'Request changes'));
    buttons.push(h('button.danger', { type: 'button', id: 'reject',
      on: { click: () => act(state, () => post(`${base}/reject`, { version: board.version, comment: comment.value }), 'Rejected.') } },
    'Reject'));
  }
  if (board.status === 'approved') {
    const produce = h('button', { type: 'button', id: 'produce' }, 'Produce the ad');
    produce.addEventListener('click', async () => {
      clear(state.message);
      produce.disabled = true;
      try {
        const job = await post(`${base}/produce`, {});
        ctx.go(`#/productions/${job.job_id}`);
      } catch (e) {
        produce.disabled = false;
        state.message.append(errorBox(e));
      }
    });
    buttons.push(produce);
  }
  if (!buttons.length) return null;
  const needsComment = board.status === 'in_review';
  return h('section.card.stack', { 'aria-label': 'Review' },
    h('h2', 'Review'),
    field(needsComment ? 'Comment (required to request changes or reject)' : 'Comment (optional)', comment),
    h('div.actions', buttons));
}

function scenes(state) {
  const { board } = state;
  const canEdit = editable(board);
  const list = h('ol.scenes', { id: 'scenes' });
  const order = board.scenes.map((s) => s.id);
  const reorder = (ids) => act(state, () => post(`/api/v2/storyboards/${board.id}/reorder`, { version: board.version, scene_ids: ids }), 'Scenes reordered.');
  const move = (from, to) => {
    const ids = [...order];
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved);
    return reorder(ids);
  };
  let dragged = null;
  board.scenes.forEach((scene, i) => {
    const preview = (board.previews || []).find((p) => p.scene_id === scene.id);
    const card = h('li.scene', { dataset: { sceneId: scene.id }, draggable: canEdit ? 'true' : null,
      'aria-label': `Scene ${i + 1}: ${scene.role || ''}` },
    h('header', h('h3', `${i + 1}. ${(scene.role || 'scene').replace(/_/g, ' ')}`), h('span.meta', `${scene.duration_s} s`)),
    keyframe(preview, board),
    h('p', scene.description),
    scene.on_screen_text ? h('p', h('strong', 'On screen: '), scene.on_screen_text) : null,
    scene.voice_over ? h('p', h('strong', 'Voice-over: '), scene.voice_over) : null,
    h('details', h('summary', 'Prompts'), h('p.meta', 'Image: ', scene.image_prompt), h('p.meta', 'Motion: ', scene.motion_prompt)));
    if (canEdit) {
      const editor = h('div');
      card.append(h('div.actions',
        h('button.secondary.small', { type: 'button', disabled: i === 0, 'aria-label': `Move scene ${i + 1} up`, on: { click: () => move(i, i - 1) } }, '↑ Move up'),
        h('button.secondary.small', { type: 'button', disabled: i === board.scenes.length - 1, 'aria-label': `Move scene ${i + 1} down`, on: { click: () => move(i, i + 1) } }, '↓ Move down'),
        h('button.secondary.small', { type: 'button', 'aria-expanded': 'false', on: { click: (e) => toggleEditor(state, scene, editor, e.currentTarget) } }, 'Edit'),
        h('button.secondary.small', { type: 'button', on: { click: () => act(state, () => post(`/api/v2/storyboards/${board.id}/scenes/${encodeURIComponent(scene.id)}/preview`, {}).then(() => null), 'Preview requested.') } }, 'New preview')),
      editor);
      card.addEventListener('dragstart', (e) => { dragged = i; card.classList.add('dragging'); e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', scene.id); });
      card.addEventListener('dragend', () => card.classList.remove('dragging'));
      card.addEventListener('dragover', (e) => { e.preventDefault(); card.classList.add('drop-target'); });
      card.addEventListener('dragleave', () => card.classList.remove('drop-target'));
      card.addEventListener('drop', (e) => {
        e.preventDefault();
        card.classList.remove('drop-target');
        const from = dragged !== null ? dragged : order.indexOf(e.dataTransfer.getData('text/plain'));
        if (from >= 0 && from !== i) move(from, i);
      });
    }
    list.append(card);
  });
  return list;
}

function keyframe(preview, board) {
  const portrait = (board.direction && board.direction.aspect_ratio === '9:16') ? '.portrait' : '';
  if (!preview) return h(`div.keyframe${portrait}`, 'No preview yet');
  if (!preview.image_id) return h(`div.keyframe${portrait}`, { dataset: { previewJob: preview.job_id } }, `Preview ${preview.status}…`);
  const img = h(`img.keyframe${portrait}`, { alt: `Keyframe preview of scene ${preview.scene_id}`, dataset: { imageId: preview.image_id } });
  get(`/api/images/${preview.image_id}`).then((m) => { img.src = m.data_url; }).catch(() => { img.alt = 'Preview not available'; });
  return img;
}

/** Previews still rendering: follow each, and show the storyboard again when all are done. */
function watchPreviews(state) {
  const pending = (state.board.previews || []).filter((p) => !p.image_id && !['failed', 'canceled'].includes(p.status));
  if (!pending.length) return;
  Promise.all(pending.map((p) => watchJob(p.job_id, () => {}, state.signal))).then(async () => {
    const fresh = await get(`/api/v2/storyboards/${state.board.id}${state.board.version !== state.board.current_version ? `/versions/${state.board.version}` : ''}`);
    state.board = fresh;
    render(state);
    notify('ok', 'Keyframe previews are ready.');
    watchPreviews(state);
  }).catch(() => {});
}

function toggleEditor(state, scene, editor, button) {
  if (editor.firstChild) {
    clear(editor);
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  button.setAttribute('aria-expanded', 'true');
  const description = h('textarea', { name: 'description', rows: 3 }, scene.description || '');
  const onScreen = h('input', { type: 'text', name: 'on_screen_text', value: scene.on_screen_text || '' });
  const voice = h('input', { type: 'text', name: 'voice_over', value: scene.voice_over || '' });
  const imagePrompt = h('textarea', { name: 'image_prompt', rows: 2 }, scene.image_prompt || '');
  const duration = h('input', { type: 'number', name: 'duration_s', min: 1, max: 10, value: String(scene.duration_s) });
  editor.append(h('form.stack', {
    on: {
      submit: (e) => {
        e.preventDefault();
        act(state, () => patch(`/api/v2/storyboards/${state.board.id}/scenes/${encodeURIComponent(scene.id)}`, {
          version: state.board.version, description: description.value, on_screen_text: onScreen.value,
          voice_over: voice.value, image_prompt: imagePrompt.value, duration_s: Number(duration.value),
        }), 'Scene saved.');
      },
    },
  }, field('Description', description), field('On-screen text', onScreen), field('Voice-over', voice),
  field('Image prompt', imagePrompt), field('Seconds (1–10)', duration), h('div', h('button.small', { type: 'submit' }, 'Save scene'))));
  description.focus();
}

function refineForm(state) {
  const { board, signal } = state;
  const feedback = h('textarea', { id: 'refine-feedback', name: 'feedback', rows: 2,
    placeholder: 'shorter, funnier, end on the logo, more product close-ups, another call to action …' });
  const progress = h('div');
  const submit = h('button', { type: 'submit', id: 'refine-submit', disabled: board.refinements_left <= 0 }, 'Refine');
  return h('form.card.stack', {
    id: 'refine-form',
    on: {
      submit: async (e) => {
        e.preventDefault();
        clear(progress);
        submit.disabled = true;
        try {
          const accepted = await post(`/api/v2/storyboards/${board.id}/refine`, { version: board.version, feedback: feedback.value });
          const job = await followJob(progress, accepted.job_id, { title: 'Refining', signal });
          if (job.status !== 'succeeded') progress.append(alertBox('error', `Refining ${job.status}.`));
          await act(state, () => null, 'A new version was planned from your feedback.');
        } catch (err) {
          if (err.name !== 'AbortError') progress.append(errorBox(err));
          submit.disabled = false;
        }
      },
    },
  }, h('h2', 'Refine with feedback'),
  field('Feedback', feedback, `${board.refinements_left} refinements left. The planner says which parts it could not apply.`),
  progress, h('div', submit));
}

function history(board) {
  const entries = [...(board.history || [])].reverse();
  const versions = [...new Set((board.history || []).map((x) => x.version))].sort((a, b) => b - a);
  return h('section.card', { id: 'history' },
    h('ol.history', { reversed: true }, entries.map((x) => h('li',
      h('strong', (x.action || '').replace(/_/g, ' ')), ` · version ${x.version} · by `, h('span.who', x.key_name || 'system'),
      ` · ${when(x.at)}`, x.comment ? h('div.muted', `“${x.comment}”`) : null,
      x.detail && x.detail.unapplied ? h('div.muted', `Not applied: ${[].concat(x.detail.unapplied).join(', ')}`) : null))),
    versions.length > 1 ? h('p', 'Open a version: ', versions.map((v) => [h('a', { href: `#/storyboards/${board.id}/v/${v}` }, `v${v}`), ' '])) : null);
}

export { optional };
