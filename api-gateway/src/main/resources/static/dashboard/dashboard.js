'use strict';
// The jobs dashboard: the tenant's jobs through the public API (contract sections 4, 4a, 4b, 5, 5a) with the keys
// the user signs in with, kept in this page's memory only. Every value shown comes from the API and is written as
// text, never as markup.
(() => {
  const PREFIX = '/api/v4.0/integrations';
  const ACTIVE = new Set(['queued', 'running']);
  const FAST = 1000;
  const SLOW = 5000;

  const $ = (id) => document.getElementById(id);
  const state = {
    keys: null, cursor: null, history: [], selected: null, failed: [], timer: null, jobTimer: null,
    // every read counts up; an answer to an older read than the last one is not drawn
    listRead: 0, jobRead: 0,
  };

  class ApiError extends Error {
    constructor(status, envelope) {
      super(envelope && envelope.message ? envelope.message : 'The server answered ' + status);
      this.status = status;
    }
  }

  async function api(path, options = {}) {
    const response = await fetch(PREFIX + path, {
      method: options.method || 'GET',
      headers: { apikey: state.keys.apikey, secretkey: state.keys.secretkey, Accept: 'application/json' },
      cache: 'no-store',
    });
    if (response.status === 401 && !options.signingIn) {
      signOut('Your keys were refused; sign in again.');
    }
    if (!response.ok) {
      let envelope = null;
      try {
        envelope = await response.json();
      } catch (ignored) {
        // not the envelope: the status says enough
      }
      throw new ApiError(response.status, envelope);
    }
    return options.raw ? response : response.json();
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  const number = new Intl.NumberFormat('en');

  function progressOf(job) {
    if (!job.itemCount) {
      return 100;
    }
    return Math.floor((100 * (job.totalCount + job.cancelledCount)) / job.itemCount);
  }

  function bar(job) {
    const percent = progressOf(job);
    const outer = element('div', null, 'bar');
    outer.setAttribute('role', 'progressbar');
    outer.setAttribute('aria-valuemin', '0');
    outer.setAttribute('aria-valuemax', '100');
    outer.setAttribute('aria-valuenow', String(percent));
    const fill = element('div', null, 'fill' + (job.status === 'completed' ? ' done' : '')
      + (job.status === 'failed' || job.status === 'stopped' ? ' failed' : ''));
    fill.style.width = percent + '%';
    const done = job.totalCount + job.cancelledCount;
    const label = element('div', number.format(done) + ' / ' + number.format(job.itemCount) + ' (' + percent + ' %)',
      'label');
    outer.append(fill, label);
    return outer;
  }

  function duration(seconds) {
    if (seconds === undefined || seconds === null) {
      return '';
    }
    const whole = Math.ceil(seconds);
    if (whole < 60) {
      return whole + ' s';
    }
    if (whole < 3600) {
      return Math.floor(whole / 60) + ' min ' + (whole % 60) + ' s';
    }
    return Math.floor(whole / 3600) + ' h ' + Math.floor((whole % 3600) / 60) + ' min';
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleString() : '';
  }

  function statusBadge(status) {
    return element('span', status, 'status ' + status);
  }

  // --- signing in and out ---------------------------------------------------------------------------------------

  async function signIn(event) {
    event.preventDefault();
    const apikey = $('apikey').value.trim();
    const secretkey = $('secretkey').value;
    $('login-error').textContent = '';
    state.keys = { apikey, secretkey };
    try {
      await api('/batch?limit=1', { signingIn: true });
    } catch (error) {
      state.keys = null;
      $('login-error').textContent = error.status === 401 ? 'These keys were refused.' : error.message;
      return;
    }
    $('secretkey').value = '';
    showJobs();
  }

  function signOut(message) {
    state.keys = null;
    clearTimeout(state.timer);
    clearTimeout(state.jobTimer);
    // nothing of this tenant stays in the page: answers still on their way are dropped, tables and filters emptied
    state.listRead++;
    state.jobRead++;
    state.selected = null;
    state.cursor = null;
    state.history = [];
    state.failed = [];
    $('filter-status').value = '';
    $('filter-type').value = '';
    $('jobs').tBodies[0].replaceChildren();
    $('failed').tBodies[0].replaceChildren();
    $('jobs-error').textContent = '';
    $('jobs-view').hidden = true;
    $('job-view').hidden = true;
    $('session').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = typeof message === 'string' ? message : '';
  }

  function showJobs() {
    $('login').hidden = true;
    $('session').hidden = false;
    $('jobs-view').hidden = false;
    const key = state.keys.apikey;
    $('signed-in-as').textContent = 'Key ' + (key.length > 8 ? key.slice(0, 4) + '\u2026' + key.slice(-2) : key);
    refreshJobs();
  }

  // --- the jobs -------------------------------------------------------------------------------------------------

  async function refreshJobs() {
    clearTimeout(state.timer);
    if (!state.keys) {
      return;
    }
    const query = new URLSearchParams({ limit: '20' });
    if ($('filter-status').value) {
      query.set('status', $('filter-status').value);
    }
    if ($('filter-type').value) {
      query.set('type', $('filter-type').value);
    }
    if (state.cursor) {
      query.set('cursor', state.cursor);
    }
    let next = SLOW;
    const read = ++state.listRead;
    try {
      const page = await api('/batch?' + query);
      if (read !== state.listRead) {
        return;
      }
      renderJobs(page);
      $('jobs-error').textContent = '';
      $('refreshed').textContent = 'Updated ' + new Date().toLocaleTimeString();
      if (page.jobs.some((job) => ACTIVE.has(job.status))) {
        next = FAST;
      }
    } catch (error) {
      if (read !== state.listRead) {
        return;
      }
      $('jobs-error').textContent = error.message;
      $('jobs').tBodies[0].replaceChildren();
    }
    if (state.keys) {
      state.timer = setTimeout(refreshJobs, next);
    }
  }

  function renderJobs(page) {
    const rows = page.jobs.map((job) => {
      const row = element('tr', null, 'job' + (state.selected === job.jobId ? ' selected' : ''));
      row.dataset.jobId = String(job.jobId);
      const status = element('td');
      status.append(statusBadge(job.status));
      const progress = element('td');
      progress.append(bar(job));
      row.append(
        element('td', job.jobId),
        element('td', job.type),
        status,
        progress,
        element('td', number.format(job.errorCount)),
        element('td', job.itemsPerSecond === undefined ? '' : number.format(job.itemsPerSecond)),
        element('td', duration(job.etaSeconds)),
        element('td', time(job.createdAt)));
      row.addEventListener('click', () => openJob(job.jobId));
      return row;
    });
    $('jobs').tBodies[0].replaceChildren(...rows);
    $('no-jobs').hidden = rows.length > 0;
    $('older').hidden = !page.nextCursor;
    $('older').onclick = () => {
      state.history.push(state.cursor);
      state.cursor = page.nextCursor;
      refreshJobs();
    };
    $('newer').hidden = state.history.length === 0;
  }

  function filtersChanged() {
    state.cursor = null;
    state.history = [];
    refreshJobs();
  }

  // --- one job --------------------------------------------------------------------------------------------------

  function openJob(jobId) {
    state.selected = jobId;
    $('job-message').textContent = '';
    $('filter-code').value = '';
    $('filter-text').value = '';
    $('job-view').hidden = false;
    document.querySelectorAll('#jobs tr.job').forEach((row) => {
      row.classList.toggle('selected', row.dataset.jobId === String(jobId));
    });
    refreshJob();
  }

  async function refreshJob() {
    clearTimeout(state.jobTimer);
    const jobId = state.selected;
    if (jobId === null || !state.keys) {
      return;
    }
    const read = ++state.jobRead;
    let job;
    try {
      job = await api('/batch/' + jobId);
    } catch (error) {
      if (read === state.jobRead && state.keys) {
        $('job-message').textContent = error.message;
        // tried again, as the list is, until the job is closed or the keys refused
        state.jobTimer = setTimeout(refreshJob, SLOW);
      }
      return;
    }
    if (read !== state.jobRead || state.selected !== jobId) {
      return;
    }
    renderJob(job);
    if (ACTIVE.has(job.status)) {
      state.jobTimer = setTimeout(refreshJob, FAST);
    }
  }

  function renderJob(job) {
    $('job-id').textContent = String(job.jobId);
    $('job-status').replaceWith(Object.assign(statusBadge(job.status), { id: 'job-status' }));
    $('job-summary').textContent = job.operation + ': ' + number.format(job.finishedCount) + ' succeeded, '
      + number.format(job.errorCount) + ' failed, ' + number.format(job.cancelledCount) + ' cancelled of '
      + number.format(job.itemCount) + '. Created ' + time(job.createdAt)
      + (job.completedAt ? ', ended ' + time(job.completedAt) : '')
      + (job.failureReason ? '. ' + job.failureReason : '') + '.';
    const links = $('job-links');
    links.replaceChildren();
    const link = (label, id) => {
      const anchor = element('a', id);
      anchor.href = '#';
      anchor.addEventListener('click', (event) => {
        event.preventDefault();
        openJob(id);
      });
      links.append(label, anchor, ' ');
    };
    if (job.parentJobId) {
      link('Retry of job ', job.parentJobId);
    }
    (job.retryJobIds || []).forEach((id) => link('Retried as job ', id));
    $('stop').disabled = !ACTIVE.has(job.status);
    state.failed = job.response ? job.response.failed : [];
    // only items that failed with 5000 are retried (contract section 5a); the others need a mended item
    $('retry').disabled = ACTIVE.has(job.status) || !state.failed.some((item) => item.code === 5000);
    $('export-csv').disabled = state.failed.length === 0;
    $('export-ndjson').disabled = state.failed.length === 0;
    const codes = [...new Set(state.failed.map((item) => item.code))].sort((a, b) => a - b);
    const chosen = $('filter-code').value;
    const option = (label, value) => Object.assign(element('option', label), { value });
    $('filter-code').replaceChildren(option('any', ''), ...codes.map((code) => option(code, String(code))));
    $('filter-code').value = codes.map(String).includes(chosen) ? chosen : '';
    renderFailed();
  }

  function renderFailed() {
    const code = $('filter-code').value;
    const text = $('filter-text').value.toLowerCase();
    const shown = state.failed.filter((item) => (!code || String(item.code) === code)
      && (!text || String(item.customerId ?? '').toLowerCase().includes(text)
        || String(item.error ?? '').toLowerCase().includes(text)));
    // a job has at most 1,000 items: every failed one fits
    const rows = shown.map((item) => {
      const row = element('tr');
      row.append(element('td', item.index), element('td', item.customerId), element('td', item.code),
        element('td', item.error, 'message'));
      return row;
    });
    $('failed').tBodies[0].replaceChildren(...rows);
    $('failed-count').textContent = shown.length === state.failed.length
      ? '(' + state.failed.length + ')'
      : '(' + shown.length + ' of ' + state.failed.length + ')';
  }

  async function stopJob() {
    const jobId = state.selected;
    if (!window.confirm('Stop job ' + jobId + '? Items not yet applied will never be.')) {
      return;
    }
    try {
      const answer = await api('/batch/' + jobId, { method: 'DELETE' });
      $('job-message').textContent = answer.message;
    } catch (error) {
      $('job-message').textContent = error.message;
    }
    refreshJob();
    refreshJobs();
  }

  async function retryJob() {
    const jobId = state.selected;
    try {
      const answer = await api('/batch/' + jobId + '/retry', { method: 'POST' });
      $('job-message').textContent = 'Retrying as job ' + answer.jobId + '.';
      refreshJobs();
      openJob(answer.jobId);
    } catch (error) {
      $('job-message').textContent = error.message;
    }
  }

  async function exportFailed(format) {
    const jobId = state.selected;
    try {
      const response = await api('/batch/' + jobId + '/results?outcome=failed&format=' + format, { raw: true });
      const url = URL.createObjectURL(await response.blob());
      const anchor = element('a');
      anchor.href = url;
      anchor.download = 'job-' + jobId + '-failed.' + format;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      $('job-message').textContent = error.message;
    }
  }

  function closeJob() {
    clearTimeout(state.jobTimer);
    state.jobRead++;
    state.selected = null;
    $('job-view').hidden = true;
    document.querySelectorAll('#jobs tr.selected').forEach((row) => row.classList.remove('selected'));
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', () => signOut());
    $('filter-status').addEventListener('change', filtersChanged);
    $('filter-type').addEventListener('change', filtersChanged);
    $('newer').addEventListener('click', () => {
      state.cursor = state.history.pop() || null;
      refreshJobs();
    });
    $('filter-code').addEventListener('change', renderFailed);
    $('filter-text').addEventListener('input', renderFailed);
    $('filter-text').addEventListener('change', renderFailed);
    $('stop').addEventListener('click', stopJob);
    $('retry').addEventListener('click', retryJob);
    $('export-csv').addEventListener('click', () => exportFailed('csv'));
    $('export-ndjson').addEventListener('click', () => exportFailed('ndjson'));
    $('close-job').addEventListener('click', closeJob);
  });
})();
