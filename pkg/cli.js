#!/usr/bin/env node
// The `taskstatus` command: check, normalise and summarise task status documents from
// files or standard input. Inputs are streamed (NDJSON in constant memory); big NDJSON
// files are split across worker threads (`--jobs`). All checking happens in the package.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { validate, validateMany, createValidator, createSummariser, normalise, summarise, dialects, version, TaskStatusError } from './node.js';

const MB = 1024 * 1024;
/** Inputs over this size get a progress bar (on a terminal). */
const PROGRESS_ABOVE = 10 * MB;
/** NDJSON files over this size are split across `--jobs` worker threads. */
const SPLIT_ABOVE = 8 * MB;
/** Failures and stalled tasks listed by `summarise` before "… and N more". */
const LIST_AT_MOST = 20;

const HELP = {
  main: `taskstatus ${version}: check, normalise and summarise task status documents
(Livepeer Task and Asset, SailPoint TaskStatus, Veritone TaskStatusDetail, Flat.io Task).

Usage:
  taskstatus check [options] [file ...|-]      validate; linter-style issues and a total
  taskstatus normalise [options] [file ...|-]  write the lifecycle model as NDJSON or JSON
  taskstatus summarise [options] [file ...|-]  the summary line and tables of counts
  taskstatus dialects                          list the dialect ids
  taskstatus help [command]                    this text, or a command's
  taskstatus --version

A file holds one JSON document, a JSON array of documents, or NDJSON (one document per
line). With no file, or "-", standard input is read. NDJSON is streamed: a file may be
larger than memory.

Exit status: 0 when every document is valid, 1 when one has errors, 2 on a usage error
(an unknown option or value, a file that cannot be read).`,
  check: `Usage: taskstatus check [options] [file ...|-]

Validates every document and prints one line per issue,
  file:line:col: severity[code] /pointer: message
then a one-line total. In a collection, the issues of invalid documents are listed.

Options:
  --format pretty|json|ndjson  pretty (default): the lines above; json: one report object;
                               ndjson: one issue per line, then a total line
  --dialect ID|auto            check against this dialect (default: auto, detected per document)
  --strict                     unknown fields and legacy values are errors
  --max-issues N               issues listed per file (default 100; the counts are always whole)
  --jobs N                     worker threads for NDJSON files over 8 MB (default: the number
                               of cores, here ${availableParallelism()})
  --no-progress                no progress bar (it is drawn on a terminal for inputs over 10 MB)
  -h, --help                   this text`,
  normalise: `Usage: taskstatus normalise [options] [file ...|-]

Writes each valid document in the lifecycle model (queued, running, succeeded, failed,
cancelled). Issues of invalid documents go to standard error as check prints them.

Options:
  --format ndjson|json  ndjson (default): one object per line; json: an array, or one object
                        when the input is one document
  --dialect ID|auto     read documents as this dialect (default: auto)
  --strict              unknown fields and legacy values are errors
  --no-progress         no progress bar
  -h, --help            this text`,
  summarise: `Usage: taskstatus summarise [options] [file ...|-]

Prints, for each file, the summary line (e.g. "5 tasks: 2 running (avg 38%), 2 succeeded,
1 failed"), a table of tasks by state and by dialect, the failed and the stalled tasks.
Issues of invalid documents go to standard error as check prints them.

Options:
  --format pretty|json  pretty (default), or the summary objects as JSON
  --tasks               also a table of every task (id, dialect, state, progress, text)
  --now TIME            the time "stalled" is measured from: RFC 3339 or epoch ms (default: now)
  --stalled-after MS    idle time after which a task counts as stalled (default 900000)
  --dialect ID|auto     read documents as this dialect (default: auto)
  --strict              unknown fields and legacy values are errors
  --no-progress         no progress bar
  -h, --help            this text`,
};

class UsageError extends Error {}

const COMMON = {
  dialect: { type: 'string' },
  strict: { type: 'boolean' },
  format: { type: 'string' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};
const OPTIONS = {
  check: { ...COMMON, 'max-issues': { type: 'string' }, jobs: { type: 'string' } },
  normalise: COMMON,
  summarise: { ...COMMON, tasks: { type: 'boolean' }, now: { type: 'string' }, 'stalled-after': { type: 'string' } },
};
const FORMATS = { check: ['pretty', 'json', 'ndjson'], normalise: ['ndjson', 'json'], summarise: ['pretty', 'json'] };

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help') return out(`${HELP.main}\n`), 0;
  if (command === '--version' || command === '-v') return out(`${version}\n`), 0;
  if (command === 'help') {
    const topic = rest[0] === 'normalize' ? 'normalise' : rest[0];
    if (topic !== undefined && !HELP[topic]) throw new UsageError(`unknown command "${topic}"`);
    return out(`${HELP[topic ?? 'main']}\n`), 0;
  }
  if (command === 'dialects') {
    for (const d of dialects()) out(`${d.id.padEnd(28)} ${d.title}\n`);
    return 0;
  }
  const name = { normalize: 'normalise', summarize: 'summarise' }[command] ?? command;
  if (!OPTIONS[name]) throw new UsageError(`unknown command "${command}"; the commands are check, normalise, summarise, dialects, help`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS[name], allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e.message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) return out(`${HELP[name]}\n`), 0;
  const format = values.format ?? FORMATS[name][0];
  if (!FORMATS[name].includes(format)) throw new UsageError(`--format must be one of ${FORMATS[name].join(', ')}, got "${format}"`);
  const options = libraryOptions(values, name);
  const inputs = positionals.length ? positionals : ['-'];
  const sources = inputs.map(source);
  const progress = values['no-progress'] ? null : Progress.maybe(sources);
  try {
    if (name === 'check') return await check(sources, options, format, jobs(values.jobs), progress);
    if (name === 'normalise') return await normaliseAll(sources, options, format, progress);
    return await summariseAll(sources, options, format, values.tasks === true, progress);
  } finally {
    progress?.done();
  }
}

/** The library's options; a bad value is a usage error (the library's TypeError says why). */
function libraryOptions(values, command) {
  const o = {};
  if (values.dialect !== undefined) o.dialect = values.dialect;
  if (values.strict) o.strict = true;
  if (values['max-issues'] !== undefined) o.maxIssues = wholeNumber(values['max-issues'], '--max-issues');
  if (values.now !== undefined) o.now = /^\d+$/.test(values.now) ? Number(values.now) : values.now;
  if (values['stalled-after'] !== undefined) o.stalledAfterMs = wholeNumber(values['stalled-after'], '--stalled-after', 0);
  try {
    // Checks every option once, up front, with the library's own rules and messages.
    if (command === 'summarise') summarise('[]', o);
    else validate('{}', o);
  } catch (e) {
    if (e instanceof TypeError) throw new UsageError(e.message.replace(/^\w+: /, '').replace('maxIssues', '--max-issues').replace('stalledAfterMs', '--stalled-after'));
    throw e;
  }
  return o;
}

function wholeNumber(text, flag, min = 1) {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= min)) throw new UsageError(`${flag} must be a whole number${min > 0 ? ` from ${min}` : ''}, got "${text}"`);
  return n;
}

function jobs(text) {
  if (text === undefined) return availableParallelism();
  return wholeNumber(text, '--jobs');
}

// ---- inputs -------------------------------------------------------------------------------

/** A file or standard input; `size` is known for regular files only. */
function source(name) {
  if (name === '-') return { name: '<stdin>', path: null, size: null };
  let stat;
  try {
    stat = statSync(name);
  } catch (e) {
    throw new UsageError(`cannot read ${name}: ${e.code === 'ENOENT' ? 'no such file' : e.code ?? e.message}`);
  }
  if (stat.isDirectory()) throw new UsageError(`cannot read ${name}: it is a directory`);
  return { name, path: name, size: stat.isFile() ? stat.size : null };
}

function open(src, start, end) {
  if (src.path === null) return process.stdin;
  return createReadStream(src.path, { highWaterMark: MB, start, end });
}

/**
 * Reads the start of an input and decides what it holds: NDJSON (a first line that is a
 * JSON document on its own, and more lines after it), else one JSON text (a document or an
 * array). Returns the bytes read so far and the rest of the stream.
 */
async function classify(src, progress) {
  const iterator = open(src)[Symbol.asyncIterator]();
  const head = [];
  let length = 0;
  let firstLineEnd = -1;
  let buffer = Buffer.alloc(0);
  for (;;) {
    const { value, done } = await iterator.next();
    if (done) break;
    progress?.add(value.length);
    head.push(value);
    length += value.length;
    buffer = head.length === 1 ? value : Buffer.concat(head, length);
    if (firstLineEnd < 0) firstLineEnd = firstDocumentLineEnd(buffer);
    if (firstLineEnd === -2) break; // the first line is no document: one JSON text
    if (firstLineEnd >= 0 && /\S/.test(buffer.subarray(firstLineEnd).toString('latin1'))) {
      return { kind: 'ndjson', head, rest: iterator };
    }
  }
  return { kind: 'text', head, rest: iterator };
}

/** The end of the first non-blank line when it is JSON on its own; -2 when it is not; -1: not yet known. */
function firstDocumentLineEnd(buffer) {
  let start = 0;
  for (;;) {
    const nl = buffer.indexOf(10, start);
    if (nl < 0) return -1;
    const line = buffer.subarray(start, nl).toString('utf8');
    if (line.trim() !== '') {
      try {
        JSON.parse(line);
        return nl + 1;
      } catch {
        return -2;
      }
    }
    start = nl + 1;
  }
}

async function* rest(classified, progress) {
  yield* classified.head;
  for (;;) {
    const { value, done } = await classified.rest.next();
    if (done) return;
    progress?.add(value.length);
    yield value;
  }
}

async function wholeText(classified, progress) {
  const parts = [];
  for await (const chunk of rest(classified, progress)) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

// ---- check --------------------------------------------------------------------------------

async function check(sources, options, format, jobCount, progress) {
  const reports = [];
  for (const src of sources) reports.push({ file: src.name, ...(await checkOne(src, options, jobCount, progress)) });
  const totals = { files: reports.length, total: 0, valid: 0, invalid: 0, errors: 0, warnings: 0 };
  for (const r of reports) {
    totals.total += r.total;
    totals.valid += r.valid;
    totals.invalid += r.invalid;
    for (const item of r.invalidItems) {
      for (const i of item.issues) totals[i.severity === 'error' ? 'errors' : 'warnings'] += 1;
    }
  }
  progress?.done();
  if (format === 'json') {
    out(`${JSON.stringify({ ...totals, files: reports }, null, 2)}\n`);
  } else {
    for (const r of reports) {
      for (const item of r.invalidItems) {
        for (const i of item.issues) {
          out(format === 'ndjson' ? `${JSON.stringify({ type: 'issue', file: r.file, index: item.index, ...i })}\n` : `${issueLine(r.file, i)}\n`);
        }
      }
    }
    if (format === 'ndjson') out(`${JSON.stringify({ type: 'total', ...totals, truncated: reports.some((r) => r.truncated) })}\n`);
    else out(`${totalLine(totals, reports)}\n`);
  }
  return totals.invalid > 0 ? 1 : 0;
}

async function checkOne(src, options, jobCount, progress) {
  if (src.size !== null && src.size > SPLIT_ABOVE && jobCount > 1) {
    const classified = await classify({ ...src }, null);
    classified.rest.return?.();
    if (classified.kind === 'ndjson') return checkInWorkers(src, options, jobCount, progress);
  }
  const classified = await classify(src, progress);
  if (classified.kind === 'ndjson') {
    const v = createValidator(options);
    for await (const chunk of rest(classified, progress)) v.push(chunk);
    return v.finish();
  }
  const text = await wholeText(classified, progress);
  if (text.trimStart().startsWith('[')) return validateMany(text, options);
  const r = validate(text, options);
  const items = r.issues.length ? [{ index: 0, line: 1, issues: r.issues }] : [];
  return {
    total: 1,
    valid: r.valid ? 1 : 0,
    invalid: r.valid ? 0 : 1,
    byDialect: Object.fromEntries(dialects().map((d) => [d.id, r.valid && r.dialect === d.id ? 1 : 0])),
    invalidItems: items,
    truncated: r.truncated,
  };
}

/** Splits an NDJSON file at line ends into one range per worker and merges their reports in order. */
async function checkInWorkers(src, options, jobCount, progress) {
  const bounds = lineBounds(src.path, src.size, jobCount);
  const parts = await Promise.all(
    bounds.slice(1).map(
      (end, k) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL('./cli-worker.js', import.meta.url), {
            workerData: { path: src.path, start: bounds[k], end, options },
          });
          worker.on('message', (m) => (m.bytes !== undefined ? progress?.add(m.bytes) : resolve(m)));
          worker.on('error', reject);
          worker.on('exit', (code) => code !== 0 && reject(new Error(`a worker stopped with exit code ${code}`)));
        }),
    ),
  );
  const merged = { total: 0, valid: 0, invalid: 0, byDialect: {}, invalidItems: [], truncated: false };
  let budget = options.maxIssues ?? 100;
  let lines = 0;
  for (const { report, lineCount } of parts) {
    for (const item of report.invalidItems) {
      if (budget === 0) {
        merged.truncated = true;
        break;
      }
      const issues = item.issues.slice(0, budget).map((i) => (i.line === undefined ? i : { ...i, line: i.line + lines }));
      if (issues.length < item.issues.length) merged.truncated = true;
      budget -= issues.length;
      merged.invalidItems.push({ index: item.index + merged.total, line: item.line + lines, issues });
    }
    merged.total += report.total;
    merged.valid += report.valid;
    merged.invalid += report.invalid;
    merged.truncated ||= report.truncated;
    for (const [id, n] of Object.entries(report.byDialect)) merged.byDialect[id] = (merged.byDialect[id] ?? 0) + n;
    lines += lineCount;
  }
  return merged;
}

/** Byte offsets [0, b1, …, size]: each inner bound is just after a newline. */
function lineBounds(path, size, parts) {
  const bounds = [0];
  const fd = openSync(path, 'r');
  try {
    const window = Buffer.alloc(64 * 1024);
    for (let k = 1; k < parts; k++) {
      let at = Math.max(Math.floor((size * k) / parts), bounds[bounds.length - 1]);
      for (;;) {
        const n = readSync(fd, window, 0, window.length, at);
        if (n === 0) {
          at = size;
          break;
        }
        const nl = window.subarray(0, n).indexOf(10);
        if (nl >= 0) {
          at += nl + 1;
          break;
        }
        at += n;
      }
      if (at < size && at > bounds[bounds.length - 1]) bounds.push(at);
    }
  } finally {
    closeSync(fd);
  }
  bounds.push(size);
  return bounds;
}

function issueLine(file, i) {
  const where = i.line === undefined ? file : i.column === undefined ? `${file}:${i.line}` : `${file}:${i.line}:${i.column}`;
  return `${where}: ${i.severity}[${i.code}] ${i.path === '' ? '(root)' : i.path}: ${i.message}`;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function totalLine(t, reports) {
  const cut = reports.some((r) => r.truncated) ? ' (issues beyond --max-issues left out)' : '';
  return `${plural(t.total, 'document')} in ${plural(t.files, 'file')}: ${t.valid} valid, ${t.invalid} invalid; ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}${cut}`;
}

// ---- normalise ----------------------------------------------------------------------------

async function normaliseAll(sources, options, format, progress) {
  const all = [];
  let failed = 0;
  let single = sources.length === 1;
  const emit = (status) => (format === 'ndjson' ? out(`${JSON.stringify(status)}\n`) : all.push(status));
  const fail = (file, issues) => {
    failed += 1;
    for (const i of issues) err(`${issueLine(file, i)}\n`);
  };
  for (const src of sources) {
    const classified = await classify(src, progress);
    if (classified.kind === 'ndjson') {
      single = false;
      await eachLine(rest(classified, progress), (line, lineNo) => {
        try {
          emit(normalise(line, options));
        } catch (e) {
          if (!(e instanceof TaskStatusError)) throw e;
          fail(src.name, e.issues.map((i) => (i.line === undefined ? i : { ...i, line: i.line + lineNo - 1 })));
        }
      });
      continue;
    }
    const text = await wholeText(classified, progress);
    if (text.trimStart().startsWith('[')) {
      single = false;
      // Positions come from validateMany; the valid items are then normalised one by one.
      const report = validateMany(text, { ...options, maxIssues: 100000 });
      const bad = new Set(report.invalidItems.map((item) => item.index));
      for (const item of report.invalidItems) fail(src.name, item.issues);
      let items = [];
      try {
        items = JSON.parse(text);
      } catch {
        // Not JSON: validateMany has reported where it stops.
      }
      items.forEach((doc, index) => {
        if (bad.has(index)) return;
        try {
          emit(normalise(doc, options));
        } catch (e) {
          if (!(e instanceof TaskStatusError)) throw e;
          // Past validateMany's issue cap: no positions, the item's index in the pointer.
          fail(src.name, e.issues.map((i) => ({ ...i, path: `/${index}${i.path}` })));
        }
      });
      continue;
    }
    try {
      emit(normalise(text, options));
    } catch (e) {
      if (!(e instanceof TaskStatusError)) throw e;
      fail(src.name, e.issues);
    }
  }
  progress?.done();
  if (format === 'json') out(`${JSON.stringify(single && all.length === 1 ? all[0] : all, null, 2)}\n`);
  return failed > 0 ? 1 : 0;
}

/** Calls `f(line, lineNumber)` for each non-blank line of a byte stream, decoding UTF-8 across chunks. */
async function eachLine(chunks, f) {
  const decoder = new TextDecoder();
  let pending = '';
  let lineNo = 0;
  const flush = (line) => {
    lineNo += 1;
    if (line.trim() !== '') f(line.endsWith('\r') ? line.slice(0, -1) : line, lineNo);
  };
  for await (const chunk of chunks) {
    const lines = (pending + decoder.decode(chunk, { stream: true })).split('\n');
    pending = lines.pop();
    lines.forEach(flush);
  }
  pending += decoder.decode();
  if (pending !== '') flush(pending);
}

// ---- summarise ----------------------------------------------------------------------------

async function summariseAll(sources, options, format, tasks, progress) {
  const summaries = [];
  let invalid = 0;
  for (const src of sources) {
    const o = { ...options, tasks };
    const classified = await classify(src, progress);
    let summary;
    if (classified.kind === 'ndjson') {
      const s = createSummariser(o);
      for await (const chunk of rest(classified, progress)) s.push(chunk);
      summary = s.finish();
    } else {
      summary = summarise(await wholeText(classified, progress), o);
    }
    for (const item of summary.invalidItems) for (const i of item.issues) err(`${issueLine(src.name, i)}\n`);
    invalid += summary.invalid;
    summaries.push({ file: src.name, ...summary });
  }
  progress?.done();
  if (format === 'json') {
    out(`${JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2)}\n`);
  } else {
    out(summaries.map((s) => pretty(s, summaries.length > 1, tasks)).join('\n'));
  }
  return invalid > 0 ? 1 : 0;
}

function pretty(s, withName, tasks) {
  const parts = [];
  if (withName) parts.push(`${s.file}\n`);
  parts.push(`${s.text}\n\n`);
  const states = Object.entries(s.byState);
  parts.push(table(['state', 'tasks'], states.map(([k, n]) => [k, String(n)])));
  parts.push('\n');
  parts.push(table(['dialect', 'tasks'], Object.entries(s.byDialect).map(([k, n]) => [k, String(n)])));
  const list = (title, rows, line) => {
    if (rows.length === 0) return;
    parts.push(`\n${title}:\n`);
    for (const r of rows.slice(0, LIST_AT_MOST)) parts.push(`  ${line(r)}\n`);
    if (rows.length > LIST_AT_MOST) parts.push(`  … and ${rows.length - LIST_AT_MOST} more\n`);
  };
  list('failed', s.failures, (f) => `${f.dialect} ${f.id ?? '(no id)'}: ${f.message}`);
  list('stalled', s.stalled, (t) => `${t.dialect} ${t.id ?? '(no id)'}: last update ${t.updatedAt}`);
  if (tasks && s.tasks.length) {
    parts.push('\n');
    const pct = (p) => (p === null ? '' : `${Math.floor(p * 100)}%`);
    parts.push(table(['#', 'id', 'dialect', 'state', 'progress', 'text'], s.tasks.map((t) => [String(t.index), t.id ?? '', t.dialect, t.state, pct(t.progress), t.text])));
  }
  return parts.join('');
}

/** Columns padded to their widest cell; numbers (and the last text column) as they come. */
function table(head, rows) {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const numeric = head.map((_, c) => rows.length > 0 && rows.every((r) => /^\d+%?$|^$/.test(r[c])));
  const line = (cells) =>
    cells
      .map((cell, c) => (c === cells.length - 1 && !numeric[c] ? cell : numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}

// ---- output -------------------------------------------------------------------------------

/** A progress bar on stderr for big inputs on a terminal; redrawn at most every 100 ms. */
class Progress {
  static maybe(sources) {
    if (!process.stderr.isTTY) return null;
    const total = sources.reduce((sum, s) => sum + (s.size ?? 0), 0);
    return total > PROGRESS_ABOVE ? new Progress(total) : null;
  }

  constructor(total) {
    this.total = total;
    this.seen = 0;
    this.started = Date.now();
    this.drawn = 0;
    this.visible = false;
  }

  add(bytes) {
    this.seen += bytes;
    const now = Date.now();
    if (now - this.drawn < 100) return;
    this.drawn = now;
    const share = Math.min(1, this.seen / this.total);
    const width = 30;
    const full = Math.round(share * width);
    const rate = this.seen / MB / Math.max(0.001, (now - this.started) / 1000);
    process.stderr.write(`\r[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${String(Math.floor(share * 100)).padStart(3)}% ${(this.seen / MB).toFixed(0)}/${(this.total / MB).toFixed(0)} MB ${rate.toFixed(0)} MB/s`);
    this.visible = true;
  }

  done() {
    if (this.visible) process.stderr.write('\r\x1b[K');
    this.visible = false;
  }
}

function out(text) {
  process.stdout.write(text);
}

function err(text) {
  process.stderr.write(text);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof UsageError) {
      err(`taskstatus: ${e.message}\nRun "taskstatus help" for the commands and options.\n`);
      process.exitCode = 2;
    } else {
      err(`taskstatus: ${e.stack ?? e}\n`);
      process.exitCode = 2;
    }
  },
);
