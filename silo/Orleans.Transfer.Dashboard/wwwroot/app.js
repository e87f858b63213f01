// The Orleans.Transfer dashboard: plain JavaScript, no framework, no build step, nothing from another site.
// Every value from the service goes into the page as text (el(), textContent), never as HTML.
'use strict';

const STATES = ['Queued', 'Connecting', 'Transferring', 'Suspended', 'Error', 'TransientError', 'Transferred', 'Acknowledged', 'Cancelled'];
const PRIORITIES = ['Foreground', 'High', 'Normal', 'Low'];
const COLORS = { Foreground: '#d1495b', High: '#edae49', Normal: '#1f6feb', Low: '#66a182', Job: '#1f6feb' };
const CHART_SECONDS = 120;

let session = null;
let stream = null;
const main = () => document.getElementById('main');

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    // Through the CSSOM: the Content-Security-Policy refuses style attributes.
    else if (key === 'style') node.style.cssText = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// replaceChildren writes null as the text "null"; conditional parts are left out instead.
function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined));
  return node;
}

function bytes(n) {
  if (n === null || n === undefined) return '?';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

function duration(seconds) {
  if (!isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 60) return Math.ceil(seconds) + ' s';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min ' + Math.ceil(seconds % 60) + ' s';
  return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
}

function bar(done, total) {
  const percent = total ? Math.min(100, (100 * done) / total) : 0;
  return el('div', { class: 'bar', title: total ? percent.toFixed(1) + ' %' : 'size unknown' }, el('span', { style: 'width:' + percent + '%' }));
}

function status(text) { document.getElementById('status').textContent = text; }

async function api(path, options) {
  const response = await fetch('/api' + path, Object.assign({ credentials: 'same-origin' }, options));
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    const error = new Error(body && body.message ? body.code + ': ' + body.message : 'HTTP ' + response.status);
    error.status = response.status;
    throw error;
  }
  return body;
}

// Every change is a POST with the session cookie and the session's anti-forgery token.
function post(path, body) {
  return api(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Xfer-Csrf': session.antiForgeryToken },
    body: JSON.stringify(body === undefined ? {} : body),
  });
}

function closeStream() {
  if (stream) { stream.close(); stream = null; }
}

function openStream(path, eventType, onData) {
  closeStream();
  stream = new EventSource('/api' + path);
  stream.addEventListener(eventType, e => onData(JSON.parse(e.data)));
  stream.onopen = () => status('Live: updates arrive as they happen.');
  stream.onerror = () => status('Live updates interrupted; the browser reconnects by itself.');
}

// Rates from successive samples: bytes per second over the last few seconds.
class RateMeter {
  constructor() { this.samples = []; }
  add(time, value) {
    this.samples.push([time, value]);
    while (this.samples.length > 2 && time - this.samples[0][0] > 5000) this.samples.shift();
  }
  rate() {
    if (this.samples.length < 2) return null;
    const [t0, v0] = this.samples[0];
    const [t1, v1] = this.samples[this.samples.length - 1];
    return t1 > t0 ? Math.max(0, ((v1 - v0) * 1000) / (t1 - t0)) : null;
  }
}

// A small line chart of throughput series over the last CHART_SECONDS, drawn on a canvas.
class Chart {
  constructor(names) {
    this.canvas = el('canvas', { class: 'chart', 'data-testid': 'chart' });
    this.series = new Map(names.map(n => [n, []]));
    this.legend = el('div', { class: 'legend' }, names.map(n => el('span', {}, el('i', { style: 'background:' + COLORS[n] }), n)));
    this.node = el('div', {}, this.canvas, this.legend);
  }
  add(name, time, value) {
    const points = this.series.get(name);
    points.push([time, value]);
    while (points.length && time - points[0][0] > CHART_SECONDS * 1000) points.shift();
  }
  draw() {
    const canvas = this.canvas;
    const width = canvas.width = canvas.clientWidth * devicePixelRatio;
    const height = canvas.height = canvas.clientHeight * devicePixelRatio;
    const g = canvas.getContext('2d');
    const now = Date.now();
    let max = 1;
    for (const points of this.series.values()) for (const [, v] of points) max = Math.max(max, v);
    g.clearRect(0, 0, width, height);
    g.fillStyle = '#5b6675';
    g.font = 11 * devicePixelRatio + 'px system-ui';
    g.fillText(bytes(max) + '/s', 4 * devicePixelRatio, 12 * devicePixelRatio);
    g.fillText(CHART_SECONDS + ' s ago', 4 * devicePixelRatio, height - 4 * devicePixelRatio);
    for (const [name, points] of this.series) {
      if (points.length < 2) continue;
      g.strokeStyle = COLORS[name];
      g.lineWidth = 2 * devicePixelRatio;
      g.beginPath();
      points.forEach(([t, v], i) => {
        const x = width - ((now - t) / (CHART_SECONDS * 1000)) * width;
        const y = height - 16 * devicePixelRatio - (v / max) * (height - 32 * devicePixelRatio);
        if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
      });
      g.stroke();
    }
  }
}

// ---------- the job list ----------

const listState = { query: {}, pages: [null] };

function listQuery() {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(listState.query)) if (value) q.set(key, value);
  const page = listState.pages[listState.pages.length - 1];
  if (page) q.set('page', page);
  return q.toString();
}

function filtersForm() {
  const q = listState.query;
  const form = el('form', { class: 'filters', 'data-testid': 'filters' },
    el('label', {}, 'State ', el('select', { name: 'state' }, el('option', { value: '' }, 'any'),
      STATES.map(s => el('option', { value: s, selected: q.state === s }, s)))),
    el('label', {}, 'Priority ', el('select', { name: 'priority' }, el('option', { value: '' }, 'any'),
      PRIORITIES.map(p => el('option', { value: p, selected: q.priority === p }, p)))),
    el('label', {}, 'Name starts with ', el('input', { name: 'name', value: q.name || '', size: 14 })),
    el('label', {}, el('input', { type: 'checkbox', name: 'final', checked: q.final === '1' }), ' finished jobs too'),
    session.caller.isAdministrator
      ? el('label', {}, el('input', { type: 'checkbox', name: 'all', checked: q.all === '1', 'data-testid': 'all-owners' }), ' every owner')
      : null,
    el('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const data = new FormData(form);
    listState.query = { state: data.get('state'), priority: data.get('priority'), name: data.get('name'),
      final: data.get('final') ? '1' : '', all: data.get('all') ? '1' : '' };
    listState.pages = [null];
    showList();
  });
  return form;
}

function jobRow(job, meters) {
  const meter = meters.get(job.id) || new RateMeter();
  meters.set(job.id, meter);
  meter.add(Date.now(), job.progress.bytesTransferred);
  const rate = meter.rate();
  return el('tr', { class: 'job', 'data-job-id': job.id, onclick: () => { location.hash = '#/job/' + job.id; } },
    el('td', { class: 'wrap' }, job.displayName),
    el('td', {}, el('span', { class: 'state ' + job.state, 'data-testid': 'state' }, job.state)),
    el('td', {}, job.priority),
    el('td', {}, job.owner),
    el('td', {}, bar(job.progress.bytesTransferred, job.progress.bytesTotal)),
    el('td', { class: 'num', 'data-testid': 'bytes' }, bytes(job.progress.bytesTransferred) + ' / ' + bytes(job.progress.bytesTotal)),
    el('td', { class: 'num' }, job.progress.filesTransferred + ' / ' + job.progress.filesTotal),
    el('td', { class: 'num' }, rate ? bytes(rate) + '/s' : ''));
}

async function showList() {
  closeStream();
  const meters = new Map();
  const chart = new Chart(PRIORITIES);
  const tbody = el('tbody', { 'data-testid': 'jobs' });
  const pager = el('div', { class: 'pager' });
  const message = el('div', { class: 'message' });
  fill(main(),
    el('h2', {}, session.caller.isAdministrator ? 'Jobs' : 'Your jobs'),
    filtersForm(), message,
    el('table', {}, el('thead', {}, el('tr', {}, ['Name', 'State', 'Priority', 'Owner', 'Progress', 'Bytes', 'Files', 'Rate'].map(h => el('th', {}, h)))), tbody),
    pager,
    el('h3', {}, 'Service throughput by priority (this page\'s jobs)'), chart.node);

  const render = page => {
    fill(tbody, page.jobs.map(job => jobRow(job, meters)));
    if (page.jobs.length === 0) tbody.append(el('tr', {}, el('td', { colspan: 8, 'data-testid': 'no-jobs' }, 'No jobs.')));
    const now = Date.now();
    for (const priority of PRIORITIES) {
      const total = page.jobs.filter(j => j.priority === priority).reduce((sum, j) => sum + (meters.get(j.id).rate() || 0), 0);
      chart.add(priority, now, total);
    }
    chart.draw();
    fill(pager,
      listState.pages.length > 1 ? el('button', { type: 'button', onclick: () => { listState.pages.pop(); showList(); } }, '← Previous') : null,
      page.continuationToken ? el('button', { type: 'button', onclick: () => { listState.pages.push(page.continuationToken); showList(); } }, 'Next →') : null);
  };

  // The first load shows the jobs before the event stream opens.
  try {
    render(await api('/jobs?' + listQuery()));
  } catch (error) {
    message.textContent = error.message;
    return;
  }
  openStream('/jobs/stream?' + listQuery(), 'jobs', render);
}

// ---------- one job ----------

// The owner's user name where the service can resolve it (unix:1001 is alice), the owner id in the title.
const ownerNames = new Map();
function ownerLabel(owner) {
  const node = el('span', { title: owner, 'data-testid': 'job-owner' }, ownerNames.get(owner) || owner);
  if (!ownerNames.has(owner)) {
    ownerNames.set(owner, owner);
    api('/owners/' + encodeURIComponent(owner)).then(o => {
      ownerNames.set(owner, o.name || owner);
      document.querySelectorAll('[data-testid="job-owner"]').forEach(n => { if (n.title === owner) n.textContent = o.name || owner; });
    }, () => {});
  }
  return node;
}

function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.filter(p => p[1] !== null && p[1] !== undefined && p[1] !== '').map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]).flat());
}

function actionBar(job, message, onChanged) {
  const act = (label, path, body) => el('button', {
    type: 'button', 'data-action': label.toLowerCase(),
    onclick: async () => {
      message.textContent = '';
      try { onChanged(await post('/jobs/' + job.id + path, body)); } catch (error) { message.textContent = error.message; }
    },
  }, label);
  const priority = el('select', { 'data-testid': 'priority' }, PRIORITIES.map(p => el('option', { value: p, selected: p === job.priority }, p)));
  return el('div', { class: 'actions' },
    act('Resume', '/resume'), act('Suspend', '/suspend'), act('Complete', '/complete'), act('Cancel', '/cancel'),
    el('label', {}, 'Priority ', priority),
    el('button', {
      type: 'button', 'data-action': 'priority',
      onclick: async () => {
        message.textContent = '';
        try { onChanged(await post('/jobs/' + job.id + '/priority', { priority: priority.value })); } catch (error) { message.textContent = error.message; }
      },
    }, 'Set priority'));
}

async function showJob(id) {
  closeStream();
  const jobMeter = new RateMeter();
  const fileMeters = [];
  const chart = new Chart(['Job']);
  const message = el('div', { class: 'message', 'data-testid': 'message' });
  const top = el('div');
  const files = el('tbody', { 'data-testid': 'files' });
  const history = el('tbody', { 'data-testid': 'history' });
  let lastSeq = 0;
  let historyBusy = false;

  // The history after the last entry shown; each event of the job's stream asks again, and once more a moment later,
  // because entries are written just after the change the stream already announced.
  const loadHistory = async () => {
    if (historyBusy) return;
    historyBusy = true;
    try {
      const page = await api('/jobs/' + encodeURIComponent(id) + '/history?after=' + lastSeq);
      for (const e of page.events) {
        history.append(el('tr', { 'data-seq': e.seq },
          el('td', { class: 'num' }, e.seq), el('td', {}, new Date(e.at).toLocaleString()), el('td', {}, e.kind),
          el('td', {}, e.state), el('td', {}, e.code || ''), el('td', { class: 'wrap' }, e.message)));
      }
      lastSeq = page.next;
    } catch (error) {
      // The next event of the stream asks again.
    } finally {
      historyBusy = false;
    }
  };

  const render = job => {
    loadHistory();
    setTimeout(loadHistory, 1000);
    const now = Date.now();
    jobMeter.add(now, job.progress.bytesTransferred);
    const rate = jobMeter.rate();
    const remaining = job.progress.bytesTotal !== null ? job.progress.bytesTotal - job.progress.bytesTransferred : null;
    chart.add('Job', now, rate || 0);
    chart.draw();
    fill(top,
      el('h2', {}, el('span', { class: 'wrap' }, job.displayName), ' ', el('span', { class: 'state ' + job.state, 'data-testid': 'job-state' }, job.state)),
      actionBar(job, message, render), message,
      el('div', { class: 'actions' }, bar(job.progress.bytesTransferred, job.progress.bytesTotal),
        el('span', { 'data-testid': 'job-bytes' }, bytes(job.progress.bytesTransferred) + ' of ' + bytes(job.progress.bytesTotal)),
        el('span', { 'data-testid': 'job-rate' }, rate !== null ? bytes(rate) + '/s' : ''),
        el('span', {}, rate && remaining !== null ? 'ETA ' + duration(remaining / rate) : '')),
      job.error ? el('div', { class: 'error', 'data-testid': 'job-error' },
        el('strong', {}, job.error.code), ' (' + job.error.context + (job.error.httpStatus ? ', HTTP ' + job.error.httpStatus : '') + ', file ' + job.error.fileIndex + '): ',
        job.error.message,
        job.nextRetryAt ? el('div', {}, 'Retries by itself at ' + new Date(job.nextRetryAt).toLocaleString() + ' (' + job.errorCount + ' errors since the last progress).') : null) : null,
      facts([['Id', job.id], ['Type', job.type], ['Priority', job.priority], ['Owner', ownerLabel(job.owner)], ['Description', job.description],
        ['Created', new Date(job.times.created).toLocaleString()], ['Modified', new Date(job.times.modified).toLocaleString()],
        ['Own bandwidth cap', job.maxBytesPerSecond ? bytes(job.maxBytesPerSecond) + '/s' : null],
        ['Yielding', job.yield ? JSON.stringify(job.yield) : null]]));
    fill(files, job.files.map((file, i) => {
      const meter = fileMeters[i] || (fileMeters[i] = new RateMeter());
      meter.add(now, file.bytesTransferred);
      const fileRate = file.completed ? null : meter.rate();
      const left = file.bytesTotal !== null ? file.bytesTotal - file.bytesTransferred : null;
      return el('tr', { 'data-file-index': i },
        el('td', { class: 'wrap' }, file.remoteUrl), el('td', { class: 'wrap' }, file.localPath),
        el('td', {}, bar(file.bytesTransferred, file.bytesTotal)),
        el('td', { class: 'num' }, bytes(file.bytesTransferred) + ' / ' + bytes(file.bytesTotal)),
        el('td', { class: 'num' }, fileRate ? bytes(fileRate) + '/s' : ''),
        el('td', { class: 'num' }, fileRate && left !== null ? duration(left / fileRate) : (file.completed ? 'done' : '')),
        el('td', {}, file.note || ''));
    }));
  };

  fill(main(), el('p', {}, el('a', { href: '#/' }, '← All jobs')), top,
    el('h3', {}, 'Throughput'), chart.node,
    el('h3', {}, 'Files'),
    el('table', {}, el('thead', {}, el('tr', {}, ['Source', 'Destination', 'Progress', 'Bytes', 'Rate', 'ETA', 'Note'].map(h => el('th', {}, h)))), files),
    el('h3', {}, 'History'),
    el('table', {}, el('thead', {}, el('tr', {}, ['#', 'Time', 'Event', 'State', 'Code', 'Message'].map(h => el('th', {}, h)))), history));
  try {
    render(await api('/jobs/' + encodeURIComponent(id)));
  } catch (error) {
    top.replaceChildren(el('div', { class: 'error', 'data-testid': 'job-error' }, error.message));
    return;
  }
  openStream('/jobs/' + encodeURIComponent(id) + '/stream', 'job', render);
}

// ---------- the bandwidth policy ----------

async function showPolicy() {
  closeStream();
  status('');
  const policy = await api('/policy');
  const admin = session.caller.isAdministrator;
  const fields = [['backgroundLimit', 'All background jobs'], ['timetable', 'Timetable (instead)'], ['highLimit', 'High'], ['normalLimit', 'Normal'], ['lowLimit', 'Low']];
  const message = el('div', { class: 'message', 'data-testid': 'message' });
  const form = el('form', { class: 'facts', 'data-testid': 'policy' },
    fields.map(([name, label]) => [el('label', { for: 'p-' + name }, label),
      el('input', { id: 'p-' + name, name, value: policy[name] || '', placeholder: 'off', readonly: !admin, size: 48 })]).flat(),
    admin ? el('button', { type: 'submit' }, 'Save') : null);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const data = new FormData(form);
    const body = {};
    for (const [name] of fields) body[name] = data.get(name) || null;
    try {
      await post('/policy', body);
      message.textContent = 'Saved: the new limits apply now.';
    } catch (error) { message.textContent = error.message; }
  });
  fill(main(), el('h2', {}, 'Bandwidth policy'),
    el('p', {}, 'Rates like 512k, 10M or off; a timetable like Mon-08:00,512k 12:00,10M 18:00,off. ' +
      (admin ? 'As an administrator you may change them.' : 'Only administrators may change them.')),
    form, message);
}

// ---------- start ----------

function route() {
  const hash = location.hash || '#/';
  const job = hash.match(/^#\/job\/([0-9a-fA-F-]{36})$/);
  if (job) return showJob(job[1]);
  if (hash === '#/policy') return showPolicy();
  return showList();
}

async function start() {
  // The login token is spent: take it out of the address bar and the history.
  if (location.pathname !== '/' || location.search) history.replaceState(null, '', '/' + location.hash);
  try {
    session = await api('/session');
  } catch (error) {
    main().replaceChildren(el('p', { 'data-testid': 'login-needed' }, 'Not logged in (' + error.message + '). Run xfer dashboard for a login link.'));
    return;
  }
  document.getElementById('who').textContent = session.caller.name + (session.caller.isAdministrator ? ' (administrator)' : '');
  document.getElementById('logout').addEventListener('click', async () => {
    closeStream();
    await post('/logout');
    location.replace('/');
  });
  window.addEventListener('hashchange', route);
  route();
}

start();
