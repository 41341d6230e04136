// The page: paste, pick or drop documents; see issues, the normalised status and a summary.
// Everything a document contains is shown with textContent, never parsed as HTML.
import { init, validate, normalise, summarise, dialects, version } from './pkg/browser.js';
import { samples } from './samples.js';

const $ = (id) => document.getElementById(id);
const editor = $('editor');

/** Creates an element; strings become text nodes, so nothing is ever parsed as HTML. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k === 'on') Object.entries(v).forEach(([ev, fn]) => node.addEventListener(ev, fn));
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

function relative(iso, now = Date.now()) {
  const ms = now - Date.parse(iso);
  const s = Math.round(Math.abs(ms) / 1000);
  const text = s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min` : s < 172800 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 86400)} d`;
  return ms >= 0 ? `${text} ago` : `in ${text}`;
}

/** A link only for http(s) URLs; anything else (javascript:, data:, …) stays text. */
function urlView(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? el('a', { href: parsed.href, rel: 'noopener noreferrer', target: '_blank' }, url) : url;
}

function stateBadge(state) {
  return el('span', { class: `state state-${state}` }, state);
}

function progressBar(p) {
  if (p === null || p === undefined) return el('span', { class: 'muted' }, '—');
  const pct = Math.round(p * 100);
  return el('span', { class: 'progress' }, el('progress', { max: '100', value: String(pct), 'aria-label': `${pct}%` }), ` ${pct}%`);
}

/** UTF-16 offset of a 1-based line and column in the editor's text. */
function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + column - 1, text.length);
}

function selectAt(line, column) {
  const text = editor.value;
  const start = offsetOf(text, line, column);
  const rest = text.slice(start).search(/[,}\]\n]/);
  const end = rest <= 0 ? start + 1 : start + rest;
  editor.focus();
  editor.setSelectionRange(start, end);
}

function showIssues(issues, prefix = (i) => i.path || '(root)') {
  const table = $('issues');
  const body = table.tBodies[0];
  body.replaceChildren(
    ...issues.map((i) => {
      const where = i.line ? el('button', { type: 'button', class: 'link', on: { click: () => selectAt(i.line, i.column) } }, prefix(i)) : prefix(i);
      return el(
        'tr',
        { class: `sev-${i.severity}` },
        el('td', {}, el('span', { class: `sev sev-${i.severity}` }, i.severity)),
        el('td', {}, el('code', {}, i.code)),
        el('td', {}, where),
        el('td', {}, i.line ? `${i.line}:${i.column}` : ''),
        el('td', {}, i.message),
      );
    }),
  );
  table.hidden = issues.length === 0;
}

function showCard(status) {
  const card = $('card');
  if (!status) {
    card.replaceChildren();
    $('normalised').textContent = '';
    return;
  }
  const times = [
    ['Created', status.createdAt],
    ['Started', status.startedAt],
    ['Updated', status.updatedAt],
    ['Finished', status.finishedAt],
  ].filter(([, t]) => t);
  card.replaceChildren(
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, 'State'),
      el('dd', {}, stateBadge(status.state), status.sourceState ? el('span', { class: 'muted' }, ` (${status.sourceState})`) : null),
      el('dt', {}, 'Task'),
      el('dd', {}, [status.kind, status.name ?? status.id].filter(Boolean).join(' · ') || '—'),
      el('dt', {}, 'Progress'),
      el('dd', {}, progressBar(status.progress), status.progressText ? ` ${status.progressText}` : ''),
      times.flatMap(([label, t]) => [el('dt', {}, label), el('dd', {}, el('time', { datetime: t }, t), el('span', { class: 'muted' }, ` (${relative(t)})`))]),
      status.errors.length ? [el('dt', {}, 'Errors'), el('dd', {}, el('ul', {}, status.errors.map((e) => el('li', {}, e.message))))] : [],
      typeof status.result?.url === 'string' ? [el('dt', {}, 'Result'), el('dd', {}, urlView(status.result.url))] : [],
    ),
  );
  $('normalised').textContent = JSON.stringify(status, null, 2);
}

const STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'unknown'];

function duration(ms) {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : s < 172800 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86400)} d`;
}

function showSummary(summary) {
  $('summary-text').textContent = summary.text;
  // A stacked bar of states; each segment also carries its count as text (never colour alone).
  const valid = summary.valid || 1;
  $('states').replaceChildren(
    ...STATES.filter((st) => summary.byState[st] > 0).map((st) =>
      el('span', { class: `segment seg-${st}`, title: `${summary.byState[st]} ${st}`, 'data-share': String(summary.byState[st] / valid) }, `${summary.byState[st]}`),
    ),
  );
  for (const seg of $('states').children) seg.style.flexGrow = seg.dataset.share; // CSSOM, allowed by style-src 'self'
  $('state-counts').replaceChildren(...STATES.filter((st) => summary.byState[st] > 0).map((st) => el('li', {}, stateBadge(st), ` ${summary.byState[st]}`)));
  const stalled = new Set(summary.stalled.map((x) => `${x.dialect} ${x.id}`));
  const table = $('tasks');
  table.tBodies[0].replaceChildren(
    ...summary.tasks.map((t) => {
      const flags = [t.state === 'failed' ? 'row-failed' : '', stalled.has(`${t.dialect} ${t.id}`) ? 'row-stalled' : ''].join(' ');
      return el(
        'tr',
        { class: flags },
        el('td', {}, String(t.index + 1)),
        el('td', {}, stateBadge(t.state), stalled.has(`${t.dialect} ${t.id}`) ? el('span', { class: 'stalled' }, ' stalled') : null),
        el('td', {}, progressBar(t.progress)),
        el('td', {}, t.etaMs === undefined ? '' : duration(t.etaMs)),
        el('td', {}, t.text),
      );
    }),
  );
  table.hidden = summary.tasks.length === 0;
}

function options() {
  return { dialect: $('dialect').value, strict: $('strict').checked };
}

function updateGutter() {
  const lines = editor.value.split('\n').length;
  const gutter = $('gutter');
  if (gutter.dataset.lines !== String(lines)) {
    gutter.dataset.lines = String(lines);
    gutter.textContent = Array.from({ length: Math.min(lines, 100000) }, (_, i) => i + 1).join('\n');
  }
  gutter.scrollTop = editor.scrollTop;
}

function run() {
  updateGutter();
  const text = editor.value;
  const t0 = performance.now();
  if (!text.trim()) {
    $('verdict').textContent = 'Nothing to check yet.';
    showIssues([]);
    showCard(null);
    $('summary-text').textContent = '';
    $('tasks').hidden = true;
    $('status').textContent = '';
    return;
  }
  const summary = summarise(text, { ...options(), now: Date.now() });
  const many = summary.total > 1 || text.trimStart().startsWith('[');
  if (many) {
    const issues = summary.invalidItems.flatMap((item) => item.issues.map((i) => ({ ...i, item: item.index })));
    showIssues(issues, (i) => `#${i.item + 1} ${i.path || '(root)'}`);
    $('verdict').textContent = `${summary.valid} of ${summary.total} documents are valid.`;
    showCard(null);
  } else {
    const report = validate(text, options());
    showIssues(report.issues);
    const errors = report.issues.filter((i) => i.severity === 'error').length;
    const warnings = report.issues.length - errors;
    $('verdict').textContent = report.valid
      ? `Valid ${report.dialect} document${warnings ? ` with ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}.`
      : `Not valid${report.dialect ? ` as ${report.dialect}` : ''}: ${errors} error${errors === 1 ? '' : 's'}${report.truncated ? ' (more not shown)' : ''}.`;
    showCard(report.valid ? normalise(text, options()) : null);
  }
  showSummary(summary);
  $('status').textContent = `Checked in ${(performance.now() - t0).toFixed(1)} ms.`;
}

let timer;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(run, 150);
}

/** Files above this size are streamed through a worker instead of the editor. */
const BIG = 5 * 1024 * 1024;
let worker;
let streamedBytes = 0;

/** Cancel ends the worker outright: the work stops at once and its memory goes with it. */
function cancelBig() {
  worker?.terminate();
  worker = undefined;
  $('big-rate').textContent = `Cancelled after ${(streamedBytes / 1e6).toFixed(0)} MB.`;
  $('big-cancel').disabled = true;
  document.body.dataset.big = 'cancelled';
}

function showBigReport(name, msg) {
  const r = msg.report;
  const mb = (msg.bytes / 1e6).toFixed(1);
  $('verdict').textContent = `${name}: ${r.valid} of ${r.total} documents are valid (${mb} MB in ${msg.seconds.toFixed(1)} s).`;
  const issues = r.invalidItems.flatMap((item) => item.issues.map((i) => ({ ...i, item: item.index })));
  showIssues(issues, (i) => `#${i.item + 1} ${i.path || '(root)'}`);
  const counts = Object.entries(r.byDialect).filter(([, n]) => n > 0).map(([d, n]) => `${n} ${d}`);
  $('summary-text').textContent = `${r.total} documents: ${counts.join(', ')}${r.invalid ? ` · ${r.invalid} invalid` : ''}${r.truncated ? ' (issues cut at the limit)' : ''}`;
  $('tasks').hidden = true;
  showCard(null);
}

/** Streams one big file through the worker, with progress, throughput and Cancel. */
function validateBig(file) {
  worker ??= new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  $('big').hidden = false;
  $('big-name').textContent = `${file.name}: ${(file.size / 1e6).toFixed(1)} MB, validated in the background`;
  $('big-progress').value = 0;
  $('big-rate').textContent = '';
  $('big-cancel').disabled = false;
  document.body.dataset.big = 'running';
  streamedBytes = 0;
  worker.onmessage = ({ data: msg }) => {
    if (msg.type === 'progress') {
      streamedBytes = msg.bytes;
      $('big-progress').value = Math.round((msg.bytes / msg.total) * 100);
      $('big-rate').textContent = `${(msg.bytes / 1e6).toFixed(0)} MB · ${(msg.bytes / 1e6 / msg.seconds).toFixed(1)} MB/s`;
    } else if (msg.type === 'done') {
      $('big-progress').value = 100;
      $('big-rate').textContent = `${(msg.bytes / 1e6 / msg.seconds).toFixed(1)} MB/s`;
      $('big-cancel').disabled = true;
      showBigReport(file.name, msg);
      document.body.dataset.big = 'done';
    } else if (msg.type === 'error') {
      $('big-rate').textContent = `Failed: ${msg.message}`;
      document.body.dataset.big = 'error';
    }
  };
  worker.postMessage({ type: 'validate', file, options: options() });
}

/** Small files go to the editor; one big file is streamed. */
async function openFiles(files) {
  if (files.length === 1 && files[0].size > BIG) {
    validateBig(files[0]);
    return;
  }
  $('big').hidden = true;
  editor.value = await loadFiles(files);
  run();
}

/** Many files become one NDJSON text: one line per document. */
async function loadFiles(files) {
  const texts = await Promise.all([...files].map((f) => f.text()));
  if (texts.length === 1) return texts[0];
  const lines = [];
  for (const t of texts) {
    try {
      const v = JSON.parse(t);
      (Array.isArray(v) ? v : [v]).forEach((d) => lines.push(JSON.stringify(d)));
    } catch {
      lines.push(...t.split('\n').filter((l) => l.trim()));
    }
  }
  return lines.join('\n');
}

async function main() {
  await init();
  $('version').textContent = `taskstatus ${version}`;
  for (const d of dialects()) $('dialect').append(el('option', { value: d.id }, `${d.title} (${d.id})`));
  for (const s of samples) $('sample').append(el('option', { value: s.id }, s.label));
  $('sample').addEventListener('change', (e) => {
    const s = samples.find((x) => x.id === e.target.value);
    if (s) {
      editor.value = s.text;
      run();
    }
  });
  $('dialect').addEventListener('change', run);
  $('strict').addEventListener('change', run);
  editor.addEventListener('input', () => {
    updateGutter();
    schedule();
  });
  editor.addEventListener('scroll', () => ($('gutter').scrollTop = editor.scrollTop));
  $('files').addEventListener('change', (e) => openFiles(e.target.files));
  $('big-cancel').addEventListener('click', cancelBig);
  editor.addEventListener('dragover', (e) => e.preventDefault());
  editor.addEventListener('drop', async (e) => {
    e.preventDefault();
    if (e.dataTransfer?.files.length) await openFiles(e.dataTransfer.files);
  });
  run();
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  $('status').textContent = `Could not start: ${e.message}`;
});
