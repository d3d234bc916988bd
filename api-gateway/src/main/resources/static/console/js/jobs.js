// A job's live progress and its result playing in the page.
import { watchJob, get, post, TERMINAL } from './api.js';
import { h, clear, badge, usd, errorBox } from './dom.js';

/**
 * A panel that follows the job live (events stream, or polling where there is none) and shows its
 * status, progress, stage, children and scenes; resolves with the finished job.
 */
export function followJob(container, jobId, { title = 'Job', signal, onFinished, children = false } = {}) {
  const status = h('span');
  const bar = h('progress', { max: 100, value: 0, 'aria-label': `${title} progress` });
  const stage = h('p.muted');
  const steps = h('ul.steps');
  const source = h('p.muted.small.live-source', 'Connecting to the job’s event stream …');
  const panel = h('section.card.progress-panel', { 'aria-live': 'polite', 'aria-busy': 'true', dataset: { jobId } },
    h('h3', title, ' ', status), bar, stage, steps, source);
  container.append(panel);
  const update = (job, via) => {
    clear(status, badge(job.status));
    panel.dataset.status = job.status;
    const scenesTotal = job.scenes_total;
    // the stream carries the scenes as children; GET carries scenes_completed: take what is newer
    const scenesDone = scenesTotal ? Math.max(job.scenes_completed || 0,
      (job.children || []).filter((c) => c.kind === 'video' && c.status === 'succeeded').length) : 0;
    const progress = Number.isFinite(job.progress) ? job.progress
      : scenesTotal ? Math.round(100 * scenesDone / scenesTotal) : 0;
    bar.value = job.status === 'succeeded' ? 100 : progress;
    const parts = [];
    if (job.current_stage) parts.push(`Stage: ${job.current_stage.replace(/_/g, ' ')}`);
    if (scenesTotal) parts.push(`scenes ${Math.min(scenesDone, scenesTotal)} of ${scenesTotal} done`);
    if (job.message) parts.push(job.message);
    if (job.cost_usd !== undefined && job.cost_usd !== null) parts.push(`cost ${usd(job.cost_usd)}`);
    else if (job.estimated_cost_usd !== undefined) parts.push(`estimate ${usd(job.estimated_cost_usd)}`);
    stage.textContent = parts.join(' · ');
    const label = (c, i) => (job.kind === 'ad' && c.kind === 'video' ? `Scene ${i + 1}` : `${i + 1}. ${c.kind || 'step'}`);
    clear(steps, (job.children || []).map((c, i) => h('li', h('span', label(c, i)), badge(c.status))));
    if (job.scenes && Array.isArray(job.scenes)) {
      steps.append(...job.scenes.map((s, i) => h('li', h('span', `Scene ${i + 1}${s.role ? ` · ${s.role}` : ''}`), badge(s.status))));
    }
    if (via === 'stream') {
      panel.dataset.live = 'stream';
      source.textContent = 'Live: updates come from the job’s event stream.';
    } else if (via === 'poll') {
      panel.dataset.live = 'poll';
      source.textContent = 'The event stream is not available: checking the job every second.';
    } else if (via === 'done' && !panel.dataset.live) {
      source.textContent = '';
    }
    if (job.error) {
      clear(stage, errorBox({ message: job.error.message, code: job.error.code }));
    }
  };
  return watchJob(jobId, update, signal, { children }).then((job) => {
    panel.setAttribute('aria-busy', 'false');
    if (job.status === 'failed' && job.kind !== 'ad') panel.append(retryButton(container, job, title, signal));
    if (onFinished) onFinished(job);
    return job;
  }, (e) => {
    panel.setAttribute('aria-busy', 'false');
    if (e && e.name !== 'AbortError') panel.append(errorBox(e));
    throw e;
  });
}

/** A failed job again, as a new job (POST /jobs/{id}/retry), followed below. */
function retryButton(container, job, title, signal) {
  const button = h('button.secondary.small', { type: 'button', dataset: { retry: job.id } }, 'Retry');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const retry = await post(`/api/v2/jobs/${job.id}/retry`, {});
      await followJob(container, retry.job_id, { title: `${title} (retry)`, signal });
    } catch (e) {
      if (e.name !== 'AbortError') button.after(errorBox(e));
    }
  });
  return button;
}

/** An image or a video from a media view (its signed data_url plays without a key). */
export function mediaPlayer(media, { autoplay = true } = {}) {
  if (!media || !media.data_url) return h('p.muted', 'No media.');
  if (media.kind === 'video' || (media.content_type || '').startsWith('video/')) {
    const video = h('video', { src: media.data_url, controls: true, playsInline: true, muted: true, loop: false,
      preload: 'auto', 'aria-label': media.prompt ? `Video: ${media.prompt}` : 'Generated video' });
    video.muted = true; // autoplay is allowed for muted video; the controls unmute it
    if (autoplay) video.autoplay = true;
    return h('figure.player', video, caption(media));
  }
  return h('figure.player', h('img', { src: media.data_url, alt: media.prompt ? `Image: ${media.prompt}` : 'Generated image' }), caption(media));
}

function caption(media) {
  const bits = [];
  if (media.width) bits.push(`${media.width}×${media.height}`);
  if (media.duration_ms) bits.push(`${(media.duration_ms / 1000).toFixed(1)} s`);
  if (media.bytes) bits.push(`${Math.round(media.bytes / 1024)} KiB`);
  return h('figcaption.muted', bits.join(' · '), ' ', media.data_url ? h('a', { href: media.data_url, download: '' }, 'Download') : null);
}

/** The media a finished job made: its result, or (for images in lists) a fresh GET. */
export async function resultOf(job) {
  if (job.result && job.result.data_url) return job.result;
  if (job.result_id && job.kind === 'image') return get(`/api/images/${job.result_id}`);
  if (job.result_id && job.kind === 'video') return get(`/api/videos/${job.result_id}`);
  return null;
}

export { TERMINAL };
