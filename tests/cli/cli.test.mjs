// The `taskstatus` command, run as a user runs it: a child process, exact output, exit codes.
// Positions and normalised values come from the fixtures, written from the vendor facts.
import { after, before, test } from 'node:test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus } from '../../bench/corpus.mjs';
import { deepEqual, equal, ok } from '../js/assert.js';

const cli = fileURLToPath(new URL('../../pkg/cli.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
let dir;

/** Runs the command in `dir`; returns { code, stdout, stderr }. */
function run(args, input) {
  const r = spawnSync('node', [cli, ...args], { cwd: dir, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixture = (dialect, kind, name) => join(fixtures, dialect, kind, `${name}.json`);
const expected = (dialect, kind, name) => JSON.parse(readFileSync(join(fixtures, dialect, kind, `${name}.expected.json`), 'utf8'));

// Line 1 valid Flat; 2 a Flat state that is no Flat state ("finished"; column 19 is the value);
// 3 blank; 4 a bare Livepeer TaskStatus with CRLF; 5 not JSON; 6 valid SailPoint-less Flat.
const NDJSON = [
  '{"id":"a","state":"done"}',
  '{"id":"b","state":"finished"}',
  '',
  '{"phase":"running","updatedAt":1}\r',
  'not json',
  '{"id":"c","state":"doing","progress":{"percent":50}}',
].join('\n');

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'taskstatus-cli-'));
  writeFileSync(join(dir, 'tasks.ndjson'), NDJSON);
  writeFileSync(join(dir, 'array.json'), '[\n  {"id": "a", "state": "done"},\n  {"id": 7, "state": "done"}\n]\n');
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('check: one document, linter lines and the total, exit 1', () => {
  const file = fixture('flat.task', 'invalid', 'state-enum');
  const r = run(['check', file]);
  equal(r.code, 1);
  equal(
    r.stdout,
    `${file}:3:12: error[enum] /state: Expected one of "created", "blocked", "doing", "done", "canceled", "error", found the string "cancelled".\n` +
      '1 document in 1 file: 0 valid, 1 invalid; 1 error, 0 warnings\n',
  );
  equal(r.stderr, '');
});

test('check: NDJSON with blank and CRLF lines, in all three formats', () => {
  const pretty = run(['check', 'tasks.ndjson']);
  equal(pretty.code, 1);
  equal(
    pretty.stdout,
    'tasks.ndjson:2:19: error[enum] /state: Expected one of "created", "blocked", "doing", "done", "canceled", "error", found the string "finished".\n' +
      // Syntax errors point where parsing stopped: `n` could start `null`, the `o` cannot.
      'tasks.ndjson:5:2: error[syntax] (root): Expected valid JSON, found a syntax error: expected ident.\n' +
      '5 documents in 1 file: 3 valid, 2 invalid; 2 errors, 0 warnings\n',
  );
  const lines = run(['check', '--format', 'ndjson', 'tasks.ndjson']).stdout.trim().split('\n').map((l) => JSON.parse(l));
  deepEqual(
    lines.map((l) => [l.type, l.file, l.index, l.line, l.column, l.code, l.path]),
    [
      ['issue', 'tasks.ndjson', 1, 2, 19, 'enum', '/state'],
      ['issue', 'tasks.ndjson', 3, 5, 2, 'syntax', ''],
      ['total', undefined, undefined, undefined, undefined, undefined, undefined],
    ],
  );
  deepEqual(lines[2], { type: 'total', files: 1, total: 5, valid: 3, invalid: 2, errors: 2, warnings: 0, truncated: false });
  const json = JSON.parse(run(['check', '--format', 'json', 'tasks.ndjson']).stdout);
  deepEqual([json.total, json.valid, json.invalid, json.errors], [5, 3, 2, 2]);
  deepEqual(json.files[0].byDialect, { 'livepeer.task': 1, 'livepeer.asset': 0, 'sailpoint.task-status': 0, 'veritone.task-status-detail': 0, 'flat.task': 2 });
  deepEqual(json.files[0].invalidItems.map((i) => [i.index, i.line]), [[1, 2], [3, 5]]);
});

test('check: a JSON array, standard input, several files, and exit 0 when all are valid', () => {
  const array = run(['check', 'array.json']);
  equal(array.stdout, 'array.json:3:10: error[type] /id: Expected a string, found the number 7.\n2 documents in 1 file: 1 valid, 1 invalid; 1 error, 0 warnings\n');
  const good = readFileSync(fixture('flat.task', 'valid', 'done'), 'utf8');
  const stdin = run(['check', '-'], good);
  deepEqual([stdin.code, stdin.stdout], [0, '1 document in 1 file: 1 valid, 0 invalid; 0 errors, 0 warnings\n']);
  const two = run(['check', fixture('flat.task', 'valid', 'done'), fixture('livepeer.asset', 'valid', 'ready')]);
  deepEqual([two.code, two.stdout], [0, '2 documents in 2 files: 2 valid, 0 invalid; 0 errors, 0 warnings\n']);
});

test('check: warnings are listed; --strict makes them errors; --dialect fixes the dialect', () => {
  const file = fixture('flat.task', 'valid', 'unknown-field');
  const warned = run(['check', file]);
  equal(warned.code, 0);
  ok(/: warning\[unknown-field\] \//.test(warned.stdout), warned.stdout);
  ok(warned.stdout.endsWith('1 document in 1 file: 1 valid, 0 invalid; 0 errors, 1 warning\n'), warned.stdout);
  const strict = run(['check', '--strict', file]);
  equal(strict.code, 1);
  ok(/: error\[unknown-field\] \//.test(strict.stdout), strict.stdout);
  const other = run(['check', '--dialect', 'sailpoint.task-status', fixture('flat.task', 'valid', 'done')]);
  equal(other.code, 1);
  ok(/:1:1: error\[required\] \/messages: /.test(other.stdout), other.stdout);
});

test('usage errors exit 2 and say what is wrong', () => {
  const cases = [
    [['check', '--bogus'], "taskstatus: Unknown option '--bogus'"],
    [['check', '--format', 'xml', 'tasks.ndjson'], 'taskstatus: --format must be one of pretty, json, ndjson, got "xml"'],
    [['check', '--dialect', 'flat', 'tasks.ndjson'], 'taskstatus: unknown dialect "flat"; the known dialects are livepeer.task, livepeer.asset, sailpoint.task-status, veritone.task-status-detail, flat.task'],
    [['check', '--jobs', '0', 'tasks.ndjson'], 'taskstatus: --jobs must be a whole number from 1, got "0"'],
    [['check', 'missing.json'], 'taskstatus: cannot read missing.json: no such file'],
    [['normalise', '--format', 'pretty'], 'taskstatus: --format must be one of ndjson, json, got "pretty"'],
    [['summarise', '--now', 'yesterday'], 'taskstatus: now must be epoch milliseconds or an RFC 3339 date-time, got the string "yesterday"'],
    [['frobnicate'], 'taskstatus: unknown command "frobnicate"; the commands are check, normalise, summarise, dialects, help'],
  ];
  for (const [args, message] of cases) {
    const r = run(args, '');
    equal(r.code, 2, args.join(' '));
    equal(r.stdout, '', args.join(' '));
    equal(r.stderr, `${message}\nRun "taskstatus help" for the commands and options.\n`, args.join(' '));
  }
});

test('--help is complete: every command and every option of each', () => {
  const main = run(['--help']);
  equal(main.code, 0);
  for (const c of ['check', 'normalise', 'summarise', 'dialects', 'help', '--version', 'Exit status']) ok(main.stdout.includes(c), c);
  const flags = {
    check: ['--format pretty|json|ndjson', '--dialect', '--strict', '--max-issues', '--jobs', '--no-progress', '--help'],
    normalise: ['--format ndjson|json', '--dialect', '--strict', '--no-progress', '--help'],
    summarise: ['--format pretty|json', '--tasks', '--now', '--stalled-after', '--dialect', '--strict', '--no-progress', '--help'],
  };
  for (const [command, list] of Object.entries(flags)) {
    const help = run([command, '--help']);
    equal(help.code, 0);
    equal(help.stdout, run(['help', command]).stdout);
    for (const flag of list) ok(help.stdout.includes(flag), `${command} --help names ${flag}`);
    // Every option named in the help is accepted.
    for (const flag of list.filter((f) => !/[ |]/.test(f) && f !== '--help')) {
      const value = { '--dialect': 'auto', '--max-issues': '5', '--jobs': '1', '--now': '0', '--stalled-after': '1' }[flag];
      const r = run([command, flag, ...(value ? [value] : []), '-'], '{"id":"a","state":"done"}');
      equal(r.code, 0, `${command} ${flag}: ${r.stderr}`);
    }
  }
  equal(run(['--version']).stdout, `${JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url))).version}\n`);
  const ids = run(['dialects']).stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[0]);
  deepEqual(ids, ['livepeer.task', 'livepeer.asset', 'sailpoint.task-status', 'veritone.task-status-detail', 'flat.task']);
});

test('normalise: NDJSON out, the fixtures\' normalised values, issues on stderr', () => {
  const files = [['flat.task', 'done'], ['livepeer.task', 'running-upload'], ['veritone.task-status-detail', 'failed-error-details-seconds']];
  const input = files.map(([d, n]) => JSON.stringify(JSON.parse(readFileSync(fixture(d, 'valid', n), 'utf8')))).join('\n');
  const r = run(['normalise'], `${input}\n{"id":"x","state":"finished"}\n`);
  equal(r.code, 1);
  deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l)), files.map(([d, n]) => expected(d, 'valid', n).normalised));
  equal(r.stderr, '<stdin>:4:19: error[enum] /state: Expected one of "created", "blocked", "doing", "done", "canceled", "error", found the string "finished".\n');
  const one = run(['normalise', '--format', 'json', fixture('sailpoint.task-status', 'valid', 'running')]);
  equal(one.code, 0);
  deepEqual(JSON.parse(one.stdout), expected('sailpoint.task-status', 'valid', 'running').normalised, 'one document: one object');
  const array = run(['normalise', '--format', 'json', 'array.json']);
  equal(array.code, 1);
  deepEqual(JSON.parse(array.stdout).map((s) => [s.id, s.state]), [['a', 'succeeded']]);
  equal(array.stderr, 'array.json:3:10: error[type] /id: Expected a string, found the number 7.\n');
});

test('summarise: the summary line and tables, with a fixed clock', () => {
  const r = run(['summarise', '--now', '1970-01-01T00:20:00Z', 'tasks.ndjson']);
  equal(r.code, 1, 'two documents are invalid');
  // Hand count (DESIGN §2): "done" → succeeded; "doing" at 50% → running; the Livepeer
  // "running" TaskStatus, last updated at 1 ms, is idle 20 min > 15 min → stalled.
  equal(
    r.stdout,
    [
      '5 tasks: 2 running (avg 50%), 1 succeeded · 1 stalled · 2 invalid',
      '',
      'state      tasks',
      'queued         0',
      'running        2',
      'succeeded      1',
      'failed         0',
      'cancelled      0',
      'unknown        0',
      '',
      'dialect                      tasks',
      'livepeer.task                    1',
      'livepeer.asset                   0',
      'sailpoint.task-status            0',
      'veritone.task-status-detail      0',
      'flat.task                        2',
      '',
      'stalled:',
      '  livepeer.task (no id): last update 1970-01-01T00:00:00.001Z',
      '',
    ].join('\n'),
  );
  equal(r.stderr.split('\n').filter(Boolean).length, 2, 'the invalid documents\' issues');
  const json = JSON.parse(run(['summarise', '--format', 'json', '--tasks', '--now', '0', 'tasks.ndjson']).stdout);
  deepEqual(json.tasks.map((t) => [t.index, t.id, t.state]), [[0, 'a', 'succeeded'], [2, null, 'running'], [4, 'c', 'running']]);
});

test('--jobs splits a big NDJSON file across worker threads and reports the same', () => {
  // 9 MB: over the 8 MB split threshold.
  writeFileSync(join(dir, 'big.ndjson'), corpus(9 * 1024 * 1024, 5).text);
  const one = run(['check', '--format', 'json', '--max-issues', '100000', '--jobs', '1', 'big.ndjson']);
  const two = run(['check', '--format', 'json', '--max-issues', '100000', '--jobs', '2', 'big.ndjson']);
  equal(one.code, 1);
  ok(JSON.parse(one.stdout).invalid > 1000, 'the corpus has about 10% invalid documents');
  equal(two.stdout, one.stdout, 'lines, indexes and counts merge exactly');
  const capped = JSON.parse(run(['check', '--format', 'json', '--max-issues', '7', '--jobs', '2', 'big.ndjson']).stdout).files[0];
  equal(capped.invalidItems.reduce((n, i) => n + i.issues.length, 0), 7, 'the cap holds across workers');
  equal(capped.truncated, true);
});

test('a progress bar goes to stderr on a terminal for inputs over 10 MB, and nowhere else', () => {
  writeFileSync(join(dir, 'huge.ndjson'), corpus(11 * 1024 * 1024, 6).text);
  // `script` gives the command a terminal; its output is the terminal's.
  const tty = execFileSync('script', ['-q', '-c', `node ${cli} check --jobs 1 huge.ndjson >/dev/null`, '/dev/null'], { cwd: dir, encoding: 'utf8' });
  ok(/\[#*-*\] +\d+% \d+\/11 MB/.test(tty), `a bar with the share done: ${JSON.stringify(tty.slice(0, 120))}`);
  ok(tty.endsWith('\r\x1b[K'), 'the bar is cleared at the end');
  const quiet = execFileSync('script', ['-q', '-c', `node ${cli} check --no-progress huge.ndjson >/dev/null`, '/dev/null'], { cwd: dir, encoding: 'utf8' });
  equal(quiet, '', '--no-progress');
  equal(run(['check', 'huge.ndjson']).stderr, '', 'no terminal, no bar');
});
