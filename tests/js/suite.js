// The one JS test suite over the built package. It runs unchanged in Node
// (tests/js/node.test.mjs) and in headless Chromium (tests/js/chromium.test.mjs);
// `api` is the package's entry for that runtime, `fixtures` come from tests/fixtures/.
import { deepEqual, equal, ok, throws } from './assert.js';

const ISSUE_KEYS = ['severity', 'code', 'path', 'line', 'column'];
const pick = (issue) => Object.fromEntries(ISSUE_KEYS.map((k) => [k, issue[k]]));
const compact = (text) => JSON.stringify(JSON.parse(text));

/** Checks the shape DESIGN §1 promises for every issue. */
function checkIssue(i, where) {
  ok(i.severity === 'error' || i.severity === 'warning', `${where}: severity ${i.severity}`);
  ok(typeof i.code === 'string' && /^[a-z]+(-[a-z]+)*$/.test(i.code), `${where}: code ${i.code}`);
  ok(typeof i.path === 'string' && (i.path === '' || i.path.startsWith('/')), `${where}: path ${i.path}`);
  ok(typeof i.message === 'string' && i.message.length > 0, `${where}: message`);
  for (const k of ['line', 'column']) {
    ok(i[k] === undefined || (Number.isInteger(i[k]) && i[k] >= 1), `${where}: ${k} ${i[k]}`);
  }
}

function checkReport(r, where) {
  equal(typeof r.valid, 'boolean', `${where}: valid`);
  ok(r.dialect === null || typeof r.dialect === 'string', `${where}: dialect`);
  ok(Array.isArray(r.issues), `${where}: issues`);
  equal(typeof r.truncated, 'boolean', `${where}: truncated`);
  r.issues.forEach((i, n) => checkIssue(i, `${where}: issue ${n}`));
  const errors = r.issues.some((i) => i.severity === 'error');
  ok(r.valid ? !errors : errors || r.truncated, `${where}: valid agrees with issues`);
}

/** Plain objects and arrays all the way down: no Map, no class instance, no BigInt. */
function checkPlain(v, where) {
  if (Array.isArray(v)) return v.forEach((x) => checkPlain(x, where));
  if (v && typeof v === 'object') {
    equal(Object.getPrototypeOf(v), Object.prototype, `${where}: a plain object`);
    return Object.values(v).forEach((x) => checkPlain(x, where));
  }
  ok(typeof v !== 'bigint' && typeof v !== 'function' && typeof v !== 'symbol', `${where}: plain value`);
}

/** The hostile inputs: each must come back as issues, or as the TypeError DESIGN §1 allows. */
function hostileInputs(fixtures) {
  const doing = fixtures.find((f) => f.dialect === 'flat.task' && f.name === 'doing').text;
  const cases = [];
  const add = (name, input, typeError = false) => cases.push({ name, input, typeError });
  for (const at of [0, 1, 2, 5, 9, 17, 30, 48, 75, 100, 150, 200, 260, 320, doing.length - 2]) {
    add(`text truncated at ${at}`, doing.slice(0, at));
  }
  const big = 'x'.repeat(10 * 1024 * 1024);
  const deepArray = () => {
    let v = [];
    for (let i = 0; i < 10000; i++) v = [v];
    return v;
  };
  const deepObject = () => {
    let v = {};
    for (let i = 0; i < 10000; i++) v = { d: v };
    return v;
  };
  for (const [name, text] of [
    ['empty text', ''],
    ['whitespace', ' \n\t '],
    ['text null', 'null'],
    ['text true', 'true'],
    ['text -0', '-0'],
    ['text string', '"doing"'],
    ['text empty array', '[]'],
    ['text empty object', '{}'],
    ['unclosed brackets', '[[[['],
    ['closing brackets', ']]]'],
    ['two documents', '{"id":"a","state":"done"}{"id":"b","state":"done"}'],
    ['BOM then JSON', '\uFEFF{"id":"x","state":"done"}'],
    ['escaped lone surrogate', '{"id":"\\ud800","state":"done"}'],
    ['raw lone surrogate', '{"id":"\ud800","state":"done"}'],
    ['raw NUL in string', '{"id":"a\u0000b","state":"done"}'],
    ['escaped NUL in string', '{"id":"a\\u0000b","state":"done"}'],
    ['1e400 at the root', '1e400'],
    ['1e400 as percent', '{"id":"x","state":"doing","progress":{"percent":1e400}}'],
    ['2^53+1 as percent', '{"id":"x","state":"doing","progress":{"percent":9007199254740993}}'],
    ['duplicate keys', '{"id":"x","id":"y","state":"done"}'],
    ['__proto__ key', '{"__proto__":{"polluted":1},"id":"x","state":"done","result":{"__proto__":{"x":1}}}'],
    ['10 000-deep arrays', '['.repeat(10000) + ']'.repeat(10000)],
    ['10 000-deep objects', '{"a":'.repeat(10000) + '1' + '}'.repeat(10000)],
    ['10 MB string', `{"id":"${big}","state":"done"}`],
    ['10 MB key', `{"${big}":1,"id":"x","state":"done"}`],
    ['control characters', '\u0001\u0002'],
    ['NDJSON with garbage', '{"id":"x","state":"done"}\n<html>\n{"id":"y"'],
  ]) {
    add(name, text);
  }
  const circular = { id: 'x', state: 'done' };
  circular.self = circular;
  const nullProto = Object.assign(Object.create(null), { id: 'x', state: 'done' });
  for (const [name, value, typeError] of [
    ['null value', null],
    ['number value', 0],
    ['-0 value', -0],
    ['boolean value', true],
    ['empty array value', []],
    ['empty object value', {}],
    ['sparse array value', [, 1]], // eslint-disable-line no-sparse-arrays
    ['NaN at /id', { id: NaN, state: 'done' }],
    ['Infinity as percent', { id: 'x', state: 'doing', progress: { percent: Infinity } }],
    ['-Infinity in free-form result', { id: 'x', state: 'done', result: { url: 'u', nested: [-Infinity] } }],
    ['NaN in an unknown field', { id: 'x', state: 'done', extra: NaN }],
    ['10 000-deep object value', deepObject()],
    ['10 000-deep array value', deepArray()],
    ['10 MB string value', { id: big, state: 'done' }],
    ['lone surrogate value', { id: '\ud800', state: 'done' }],
    ['null-prototype object', nullProto],
    ['Date value', new Date(0)],
    ['RegExp value', /x/],
    ['Map value', new Map([['id', 'x']])],
    ['typed array value', new Uint8Array(3)],
    ['toJSON value', { toJSON: () => ({ id: 'x', state: 'done' }) }],
    ['own __proto__ key value', JSON.parse('{"__proto__":{"polluted":1},"id":"x","state":"done"}')],
    ['undefined member', { id: 'x', state: 'done', gone: undefined }],
    ['BigInt value', 1n, true],
    ['BigInt member', { id: 'x', state: 'done', n: 1n }, true],
    ['symbol value', Symbol('s'), true],
    ['symbol member', { id: 'x', state: Symbol('done') }, true],
    ['function value', () => 1, true],
    ['function member', { id: 'x', state: 'done', f() {} }, true],
    ['function in array', [function () {}], true],
    ['circular object', circular, true],
    ['undefined input', undefined, true],
  ]) {
    add(name, value, typeError);
  }
  return cases;
}

export function suite({ api, fixtures, runtime }) {
  const tests = [];
  const test = (name, fn) => tests.push({ name, fn });
  const { validate, validateMany, normalise, detect, summarise, dialects, jsonSchema, TaskStatusError } = api;
  const fixture = (dialect, name) => {
    const f = fixtures.find((x) => x.dialect === dialect && x.name === name);
    if (!f) throw new Error(`no fixture ${dialect}/${name}`);
    return f;
  };

  test('the API of DESIGN §1 is exported', () => {
    for (const f of ['init', 'validate', 'validateMany', 'createValidator', 'createSummariser', 'normalise', 'detect', 'summarise', 'dialects', 'jsonSchema']) {
      equal(typeof api[f], 'function', f);
    }
    ok(/^\d+\.\d+\.\d+/.test(api.version), `version ${api.version}`);
    ok(api.init() instanceof Promise, 'init returns a promise');
  });

  for (const f of fixtures) {
    test(`fixture ${f.dialect}/${f.kind}/${f.name}`, () => {
      const options = f.expected.options;
      const r = validate(f.text, options);
      checkReport(r, f.name);
      equal(r.valid, f.expected.valid, 'valid');
      equal(r.dialect, f.expected.dialect, 'dialect');
      equal(r.truncated, f.expected.truncated ?? false, 'truncated');
      deepEqual(r.issues.map(pick), f.expected.issues.map(pick), 'issues');
      f.expected.issues.forEach((want, n) => {
        if (want.messageIncludes) ok(r.issues[n].message.includes(want.messageIncludes), r.issues[n].message);
      });
      if (f.expected.normalised) {
        deepEqual(normalise(f.text, options), f.expected.normalised, 'normalised');
      } else if (!f.expected.valid) {
        const e = throws(() => normalise(f.text, options), TaskStatusError, 'normalise');
        equal(e.name, 'TaskStatusError');
        ok(e instanceof Error, 'a TaskStatusError is an Error');
        deepEqual(e.issues, r.issues, 'the error carries the issues');
      }
    });
  }

  test('parsed values give the same issues as text, without positions', () => {
    // A parsed value can hold neither a syntax error nor a repeated key.
    for (const f of fixtures.filter((x) => x.expected.issues.every((i) => i.code !== 'syntax' && i.code !== 'duplicate-key'))) {
      const r = validate(JSON.parse(f.text), f.expected.options);
      const want = f.expected.issues.map((i) => ({ ...pick(i), line: undefined, column: undefined }));
      deepEqual(r.issues.map(pick), want, f.name);
      ok(r.issues.every((i) => !('line' in i) && !('column' in i)), `${f.name}: no position keys`);
    }
  });

  test('results are plain objects and arrays', () => {
    const doing = fixture('flat.task', 'doing').text;
    for (const v of [
      validate(doing),
      validate('{'),
      normalise(doing),
      detect(doing),
      summarise(doing, { now: 0 }),
      dialects(),
      jsonSchema('flat.task'),
      jsonSchema('normalised'),
    ]) {
      checkPlain(v, 'result');
      deepEqual(JSON.parse(JSON.stringify(v)), v, 'survives JSON');
    }
  });

  test('NaN and Infinity inside an object are type issues where they stand', () => {
    // `size` is not a TaskResult property: a warning, and the Infinity in it is still reported.
    const r = validate({ id: 'x', state: 'doing', progress: { percent: NaN }, result: { size: Infinity } });
    deepEqual(
      r.issues.map((i) => [i.code, i.path]),
      [
        ['type', '/progress/percent'],
        ['unknown-field', '/result/size'],
        ['type', '/result/size'],
      ],
    );
    ok(r.issues[0].message.includes('NaN'), r.issues[0].message);
  });

  test('strict turns unknown fields into errors', () => {
    const doc = { id: 'x', state: 'done', colour: 'blue' };
    equal(validate(doc).valid, true);
    equal(validate(doc).issues[0].severity, 'warning');
    equal(validate(doc, { strict: true }).valid, false);
    equal(validate(doc, { strict: true }).issues[0].severity, 'error');
  });

  test('maxIssues caps the issues and sets truncated; validity stays exact', () => {
    const doc = { id: 1, state: 2, format: 3, score: 4, revision: 5 };
    const all = validate(doc, { dialect: 'flat.task' });
    equal(all.issues.length, 5);
    equal(all.truncated, false);
    const one = validate(doc, { dialect: 'flat.task', maxIssues: 1 });
    equal(one.issues.length, 1);
    equal(one.truncated, true);
    equal(one.valid, false);
    // Warnings first, the error after the cap: still invalid.
    const late = validate({ a: 1, b: 2, id: 'x', state: 'nope' }, { dialect: 'flat.task', maxIssues: 2 });
    deepEqual(late.issues.map((i) => i.code), ['unknown-field', 'unknown-field']);
    equal(late.valid, false, 'an error past the cap still makes the document invalid');
  });

  test('an explicit dialect is used; auto detects', () => {
    const doing = fixture('flat.task', 'doing').text;
    equal(validate(doing, { dialect: 'flat.task' }).dialect, 'flat.task');
    equal(validate(doing, { dialect: 'auto' }).dialect, 'flat.task');
    const d = detect(doing);
    equal(d.dialect, 'flat.task');
    ok(d.confidence > 0.5 && d.confidence <= 1, `confidence ${d.confidence}`);
    equal(d.candidates[0].dialect, 'flat.task');
    // Only livepeer.asset declares a top-level `name`: key share 1 → 0.3, one of its three
    // required keys → 0.2 × 1/3, no state → 0; 0.37 is below the 0.5 threshold.
    deepEqual(detect('{"name":"x"}'), { dialect: null, confidence: 0, candidates: [{ dialect: 'livepeer.asset', confidence: 0.37 }] });
    deepEqual(detect('{"colour":"blue"}'), { dialect: null, confidence: 0, candidates: [] });
    equal(detect('not json').dialect, null);
  });

  test('text of any size and script arrives whole; columns count UTF-16 units', () => {
    // Text is written into the wasm's input buffer: ASCII first, then room for the rest.
    for (const prefix of ['é', '中', '😀', '\ud800', 'x'.repeat(70000) + 'é', 'é' + 'x'.repeat(70000)]) {
      const text = `{"id":"${prefix}","state":"nope"}`;
      const r = validate(text);
      deepEqual(r.issues.map((i) => [i.path, i.line, i.column]), [['/state', 1, text.indexOf('"nope"') + 1]], JSON.stringify(prefix.slice(0, 3)));
      deepEqual(validateMany(`${text}\n${text}`).invalidItems.map((i) => i.issues[0].column), [text.indexOf('"nope"') + 1, text.indexOf('"nope"') + 1]);
    }
    // A large input, then small ones: the buffer is let go and taken again.
    const big = `{"id":"${'y'.repeat(3 << 20)}","state":"done"}`;
    equal(validate(big).valid, true, 'a 3 MB document');
    equal(validate('{"id":"a","state":"done"}').dialect, 'flat.task');
    const small = '{"id":"a","state":"nope"}';
    equal(validate(small).issues[0].column, small.indexOf('"nope"') + 1);
  });

  test('options hold for the call they are given to, and only for it', () => {
    const doc = '{"id":"x","state":"done","extra":1}';
    equal(validate(doc, { dialect: 'livepeer.asset' }).dialect, 'livepeer.asset');
    equal(validate(doc).dialect, 'flat.task');
    equal(validate(doc, { strict: true }).valid, false);
    equal(validate(doc).valid, true, 'strict is not left behind');
    throws(() => validate(doc, { maxIssues: 0 }), TypeError, 'maxIssues 0');
    equal(validate(doc, { strict: true }).valid, false, 'a good call after a bad one');
    equal(validateMany(`${doc}\n${doc}`).valid, 2);
    equal(validateMany(`${doc}\n${doc}`, { strict: true }).valid, 0);
    // Only invalid documents list issues, so the cap shows on errors.
    const bad = '{"id":"x","state":"nope"}';
    deepEqual([validateMany(`${bad}\n${bad}`, { maxIssues: 1 }).truncated, validateMany(`${bad}\n${bad}`).truncated], [true, false]);
  });

  test('bad arguments throw a TypeError that names the problem', () => {
    const doc = '{"id":"x","state":"done"}';
    const e = throws(() => validate(doc, { dialect: 'nope' }), TypeError, 'unknown dialect');
    ok(e.message.includes('flat.task'), `lists the known dialects: ${e.message}`);
    for (const maxIssues of [-1, 0, 1.5, 'x', 1e9, NaN]) {
      throws(() => validate(doc, { maxIssues }), TypeError, `maxIssues ${maxIssues}`);
    }
    throws(() => validate(doc, { strict: 'yes' }), TypeError, 'strict');
    throws(() => validate(doc, { dialcet: 'flat.task' }), TypeError, 'unknown option');
    throws(() => validate(doc, 'flat.task'), TypeError, 'options not an object');
    throws(() => normalise(doc, { dialect: 7 }), TypeError, 'normalise dialect');
    throws(() => summarise(doc, { now: 'yesterday' }), TypeError, 'now');
    throws(() => summarise(doc, { stalledAfterMs: -1 }), TypeError, 'stalledAfterMs');
    throws(() => jsonSchema('nope'), TypeError, 'jsonSchema id');
    throws(() => jsonSchema(42), TypeError, 'jsonSchema non-string');
  });

  test('dialects() and jsonSchema()', () => {
    const list = dialects();
    const flat = list.find((d) => d.id === 'flat.task');
    ok(flat, 'flat.task is listed');
    for (const k of ['title', 'vendor', 'description', 'docs']) ok(typeof flat[k] === 'string' && flat[k], k);
    for (const id of [...list.map((d) => d.id), 'normalised']) {
      const s = jsonSchema(id);
      equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema', id);
      ok(s.$defs && (s.$ref || s.if), `${id}: $defs, and $ref or a root choice`);
    }
    // The schema is generated from the same declaration the validator uses.
    const task = jsonSchema('flat.task').$defs.Task;
    deepEqual(task.required, ['id', 'state']);
    deepEqual(jsonSchema('flat.task').$defs.TaskState.enum, ['created', 'blocked', 'doing', 'done', 'canceled', 'error']);
    ok(task.properties.children.items.$ref === '#/$defs/Task', 'children are recursive');
    // Each call returns its own copy.
    jsonSchema('flat.task').$defs.Task.required.push('changed');
    deepEqual(jsonSchema('flat.task').$defs.Task.required, ['id', 'state'], 'a changed copy stays the caller\'s');
    // Only the listed ids, not what every object inherits; the message lists them.
    const known = `the known ids are ${list.map((d) => d.id).join(', ')}, normalised`;
    for (const id of ['constructor', '__proto__', 'toString', 'Flat.task']) {
      const e = throws(() => jsonSchema(id), TypeError, id);
      equal(e.message, `jsonSchema: unknown id ${JSON.stringify(id)}; ${known}`, id);
    }
    const long = throws(() => jsonSchema('x'.repeat(41)), TypeError, 'a long id');
    equal(long.message, `jsonSchema: unknown id "${'x'.repeat(40)}"…; ${known}`, 'a long id is cut at 40 characters');
  });

  // Hand-worked from the fixtures (dialects.md §5 and DESIGN §2), now = 10:35:00Z:
  // created (queued, modified 10:15:30, idle 1 170 000 ms), doing (running 40 %, modified
  // 10:15:42, idle 1 158 000 ms), done (succeeded), error (failed: render-timeout), and
  // state-enum (invalid). Both non-terminal tasks are idle for more than 15 minutes.
  const NOW = '2026-07-08T10:35:00.000Z';
  const summaryNames = ['created', 'doing', 'done', 'error', 'state-enum'];
  const expectedSummary = {
    total: 5,
    valid: 4,
    invalid: 1,
    byState: { queued: 1, running: 1, succeeded: 1, failed: 1, cancelled: 0, unknown: 0 },
    progress: 0.4,
    stalled: [
      { id: '65ead1f0c2b3a40012ab34cd', dialect: 'flat.task', updatedAt: '2026-07-08T10:15:30.000Z', idleMs: 1170000 },
      { id: '65ead1f0c2b3a40012ab34cd', dialect: 'flat.task', updatedAt: '2026-07-08T10:15:42.000Z', idleMs: 1158000 },
    ],
    failures: [{ id: '65ead1f0c2b3a40012ab34ce', dialect: 'flat.task', message: 'render-timeout' }],
    text: '5 tasks: 1 queued, 1 running (40%), 1 succeeded, 1 failed · 2 stalled · 1 invalid',
  };
  const summaryDocs = () => summaryNames.map((n) => fixtures.find((f) => f.name === n).text);
  const checkSummary = (s, form) => {
    for (const [k, v] of Object.entries(expectedSummary)) deepEqual(s[k], v, `${form}: ${k}`);
    equal(s.byDialect['flat.task'], 4, `${form}: byDialect`);
    equal(s.invalidItems.length, 1, `${form}: invalidItems`);
    equal(s.invalidItems[0].index, 4, `${form}: invalid index`);
    deepEqual(s.invalidItems[0].issues.map((i) => [i.code, i.path]), [['enum', '/state']], `${form}: invalid issues`);
    equal(s.tasks.length, 4, `${form}: tasks`);
    equal(
      s.tasks[1].text,
      'Flat audio-export 65ead1f0…: running 40% · Rendering audio · updated 19 min ago',
      `${form}: task text`,
    );
  };

  test('summarise: an array of values', () => {
    checkSummary(summarise(summaryDocs().map((t) => JSON.parse(t)), { now: NOW }), 'array');
  });

  test('summarise: JSON text of an array, with item lines', () => {
    const text = `[\n${summaryDocs().map(compact).join(',\n')}\n]`;
    const s = summarise(text, { now: Date.parse(NOW) });
    checkSummary(s, 'JSON text');
    equal(s.invalidItems[0].line, 6, 'the invalid item starts on line 6');
    equal(s.invalidItems[0].issues[0].line, 6);
  });

  test('summarise: NDJSON with blank and CRLF lines', () => {
    const lines = summaryDocs().map(compact);
    const text = `${lines.slice(0, 2).join('\n')}\n\n${lines.slice(2).join('\r\n')}\r\n`;
    const s = summarise(text, { now: NOW });
    checkSummary(s, 'NDJSON');
    equal(s.invalidItems[0].line, 6, 'the invalid document is on line 6');
    equal(s.invalidItems[0].issues[0].line, 6);
  });

  test('summarise: one document, and nothing', () => {
    const one = summarise(fixture('flat.task', 'doing').text, { now: NOW, stalledAfterMs: 3600000 });
    equal(one.text, '1 task: 1 running (40%)');
    deepEqual(one.stalled, []);
    const none = summarise([], { now: NOW });
    equal(none.total, 0);
    equal(none.text, '0 tasks');
    equal(none.progress, null);
    equal(summarise(summaryDocs().map((t) => JSON.parse(t)), { now: NOW, tasks: false }).tasks.length, 0);
  });

  // Hand-worked: line 1 valid Flat; line 2 blank; line 3 a valid bare Livepeer asset status
  // (CRLF); line 4 Flat with state "nope"; line 6 multi-byte text and state "x", no final newline.
  const NDJSON = '{"id":"a","state":"done"}\n\n{"phase":"deleting","updatedAt":1}\r\n{"id":"b","state":"nope"}\n  \n{"id":"é😀","state":"x"}';
  const manyPositions = (r) => r.invalidItems.flatMap((item) => item.issues.map((i) => [item.index, item.line, i.path, i.line, i.column]));
  const MANY_POSITIONS = [
    [2, 4, '/state', 4, 19],
    [3, 6, '/state', 6, 21],
  ];

  test('validateMany: NDJSON text, counts and positions', () => {
    const r = validateMany(NDJSON);
    deepEqual([r.total, r.valid, r.invalid, r.truncated], [4, 2, 2, false]);
    equal(r.byDialect['flat.task'], 1);
    equal(r.byDialect['livepeer.asset'], 1);
    deepEqual(manyPositions(r), MANY_POSITIONS);
    checkPlain(r, 'validateMany');
  });

  test('validateMany: an array of values and JSON text of an array', () => {
    const docs = [{ id: 'a', state: 'done' }, { id: 'b', state: 'nope' }, { phase: 'ready', updatedAt: 1 }];
    const r = validateMany(docs);
    deepEqual([r.total, r.valid, r.invalid], [3, 2, 1]);
    deepEqual(manyPositions(r), [[1, undefined, '/state', undefined, undefined]]);
    const t = validateMany(JSON.stringify(docs, null, 2));
    equal(t.invalidItems[0].line, 6, 'the second item opens on line 6');
    equal(t.invalidItems[0].issues[0].line, 8);
    const capped = validateMany(Array.from({ length: 50 }, () => ({ id: 1, state: 2 })), { maxIssues: 3 });
    deepEqual([capped.invalid, capped.truncated, capped.invalidItems.length], [50, true, 2]);
  });

  test('validateMany: a long string, written in pieces, gets the answer of the whole', () => {
    // js/api.js writes strings over 2^18 UTF-16 units in pieces of 2^18. Line 1 puts the
    // surrogate pair of 😀 across the first cut: cut there, it would reach the wasm as two
    // U+FFFD, and the message that quotes the state would show it.
    const PIECE = 1 << 18;
    const head = '{"id":"';
    const tail = '","state":"😀"}';
    const first = `${head}${'x'.repeat(PIECE - 1 - head.length - tail.indexOf('😀'))}${tail}`;
    equal(first.charCodeAt(PIECE - 1), 0xd83d, 'the high surrogate is the last unit of the first piece');
    const rest = Array.from({ length: 3000 }, (_, i) => (i % 10 === 0 ? '{"id":"b","state":"nope"}' : '{"id":"a","state":"done"}'));
    const text = [first, ...rest].join('\n');
    const r = validateMany(text);
    deepEqual([r.total, r.valid, r.invalid, r.byDialect['flat.task']], [3001, 2700, 301, 2700]);
    deepEqual(r.invalidItems[0].issues, validate(first).issues, 'line 1 as validate reads it');
    ok(r.invalidItems[0].issues[0].message.includes('😀'), r.invalidItems[0].issues[0].message);
    deepEqual(r.invalidItems.slice(1, 3).map((i) => [i.index, i.line]), [[1, 2], [11, 12]]);
    const v = api.createValidator();
    v.push(text);
    deepEqual(r, v.finish(), 'the same report as a stream');
    // Not NDJSON: a long pretty-printed array is kept whole, then read item by item.
    const docs = Array.from({ length: 6000 }, (_, i) => (i % 7 === 0 ? { id: 'b', state: 'nope' } : { id: 'a', state: 'done' }));
    const pretty = JSON.stringify(docs, null, 2);
    ok(pretty.length > PIECE);
    const p = validateMany(pretty);
    const fromValues = validateMany(docs);
    deepEqual([p.total, p.valid, p.invalid], [fromValues.total, fromValues.valid, fromValues.invalid]);
    deepEqual(p.invalidItems.map((i) => i.index), fromValues.invalidItems.map((i) => i.index));
    equal(p.invalidItems[1].line, 7 * 4 + 2, 'item 7 opens on line 30 of the text');
  });

  test('createValidator: a chunk boundary at every byte gives the same report', () => {
    const whole = validateMany(NDJSON);
    const bytes = new TextEncoder().encode(NDJSON);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const v = api.createValidator();
      v.push(bytes.subarray(0, cut));
      v.push(bytes.subarray(cut));
      deepEqual(v.finish(), whole, `cut at byte ${cut}`);
    }
    const v = api.createValidator();
    for (let i = 0; i < NDJSON.length; i += 3) v.push(NDJSON.slice(i, i + 3)); // string chunks
    v.push('\n');
    deepEqual(v.finish(), whole, 'string chunks and a trailing newline');
  });

  test('createValidator: misuse is reported, not ignored', () => {
    const v = api.createValidator({ strict: true });
    throws(() => v.push(42), TypeError, 'a number chunk');
    v.push('{"id":"a","state":"done","x":1}\n');
    const r = v.finish();
    deepEqual([r.total, r.invalid], [1, 1], 'strict applies');
    const late = throws(() => v.push('{}'), Error, 'push after finish');
    equal(late.message, 'createValidator: push() after finish()', 'push after finish: the message');
    const twice = throws(() => v.finish(), Error, 'finish twice');
    equal(twice.message, 'createValidator: finish() called twice', 'finish twice: the message');
    throws(() => api.createValidator({ dialect: 'nope' }), TypeError, 'bad options');
  });

  test('createSummariser: the summary of the whole text, at every chunk boundary', () => {
    const text = `${NDJSON}\r\n{"id":"é😀","state":"doing"}`;
    const options = { now: 0, stalledAfterMs: 1 };
    const whole = summarise(text, options);
    equal(whole.total, 5, 'the four NDJSON documents and the emoji task');
    const bytes = new TextEncoder().encode(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const s = api.createSummariser(options);
      s.push(bytes.subarray(0, cut));
      s.push(bytes.subarray(cut));
      deepEqual(s.finish(), whole, `cut at byte ${cut}`);
    }
    const s = api.createSummariser(options);
    throws(() => s.push(null), TypeError, 'a null chunk');
    s.finish();
    throws(() => s.finish(), Error, 'finish twice');
    throws(() => api.createSummariser({ stalledAfterMs: -1 }), TypeError, 'bad options');
  });

  // Every top-level field of one valid document per dialect (and every field of its nested
  // objects) given each JSON type: a report comes back, and any error sits at that field.
  const WRONG = [null, true, 0, 1.5, -1, 'x', '', [], [1], {}, { a: 1 }];
  for (const dialect of [...new Set(fixtures.map((f) => f.dialect))].filter((d) => d !== 'auto')) {
    test(`hostile: every field of ${dialect} given every JSON type`, () => {
      const richest = fixtures
        .filter((f) => f.dialect === dialect && f.kind === 'valid' && !f.expected.options)
        .sort((a, b) => b.text.length - a.text.length)[0];
      const base = JSON.parse(richest.text);
      let cases = 0;
      const tryAt = (path, doc) => {
        const r = validate(doc, { dialect });
        checkReport(r, path);
        const errors = r.issues.filter((i) => i.severity === 'error');
        ok(errors.every((i) => i.path === path || i.path.startsWith(`${path}/`) || i.code === 'required'), `${path}: ${JSON.stringify(errors)}`);
        cases++;
      };
      for (const key of Object.keys(base)) {
        for (const w of WRONG) tryAt(`/${key}`, { ...base, [key]: w });
        const inner = base[key];
        if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
          for (const k of Object.keys(inner)) for (const w of WRONG) tryAt(`/${key}/${k}`, { ...base, [key]: { ...inner, [k]: w } });
        }
      }
      ok(cases >= 40, `${cases} cases`);
    });
  }

  test('hostile: every fixture truncated at ten points, through every function', () => {
    let n = 0;
    for (const f of fixtures) {
      for (let k = 1; k <= 10; k++) {
        const text = f.text.slice(0, Math.floor((f.text.length * k) / 11));
        checkReport(validate(text), `${f.name} @${text.length}`);
        equal(validateMany(text).total >= 0, true);
        equal(typeof summarise(text, { now: 0 }).text, 'string');
        try {
          normalise(text);
        } catch (e) {
          ok(e instanceof TaskStatusError, `${f.name}: ${e}`);
        }
        n++;
      }
    }
    ok(n >= 1000, `${n} truncations`);
  });

  test('hostile: 100 000-deep nesting, a 100 MB string, a 1 000 000-element array', () => {
    const deepText = '['.repeat(100000) + ']'.repeat(100000);
    deepEqual(validate(deepText).issues.map((i) => i.code), ['limit']);
    let deep = {};
    for (let i = 0; i < 100000; i++) deep = { d: deep };
    deepEqual(validate(deep).issues.map((i) => i.code), ['limit']);
    const huge = `{"id":"${'x'.repeat(100 * 1024 * 1024)}","state":"done"}`;
    deepEqual(validate(huge).issues.map((i) => i.code), ['limit'], '100 MB is over the 64 MiB document limit');
    const million = new Array(1000000).fill(0);
    const m = validateMany(million);
    deepEqual([m.total, m.invalid, m.truncated, m.invalidItems.length], [1000000, 1000000, true, 100]);
    equal(validate(fixture('flat.task', 'doing').text).valid, true, 'the instance still works');
  });

  test('prototype pollution: __proto__, constructor and prototype keys stay plain data', () => {
    const text = '{"id":"x","state":"done","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},' +
      '"result":{"url":"u","__proto__":{"polluted":3},"prototype":{"polluted":4}}}';
    for (const input of [text, JSON.parse(text)]) {
      const r = validate(input);
      deepEqual(r.issues.map((i) => [i.code, i.path]), [['unknown-field', '/__proto__'], ['unknown-field', '/constructor'], ['unknown-field', '/result/__proto__'], ['unknown-field', '/result/prototype']]);
      const n = normalise(input);
      equal(Object.getPrototypeOf(n.extra), Object.prototype, 'extra keeps its prototype');
      ok(Object.hasOwn(n.extra, '__proto__'), '__proto__ survives as an own property of extra');
      deepEqual(n.extra.__proto__, { polluted: 1 });
      ok(Object.hasOwn(n.result, '__proto__') && Object.hasOwn(n.result, 'prototype'), 'and of result');
      equal(Object.getPrototypeOf(n.result), Object.prototype);
      equal({}.polluted, undefined, 'Object.prototype is untouched');
    }
  });

  for (const c of hostileInputs(fixtures)) {
    test(`hostile input: ${c.name}`, () => {
      for (const [fn, f] of Object.entries({ validate, validateMany, normalise, detect, summarise })) {
        let out;
        try {
          out = f(c.input, fn === 'summarise' ? { now: 0 } : undefined);
        } catch (e) {
          if (c.typeError && e instanceof TypeError) continue;
          if (fn === 'normalise' && e instanceof TaskStatusError && e.issues.length > 0) {
            e.issues.forEach((i, n) => checkIssue(i, `${fn} issue ${n}`));
            continue;
          }
          throw new Error(`${fn} threw ${e && e.name}: ${e && e.message}`);
        }
        ok(!c.typeError, `${fn} accepted input that JSON cannot hold`);
        if (fn === 'validate') checkReport(out, fn);
        if (fn === 'detect') ok(out.dialect === null || typeof out.dialect === 'string', 'detect');
        if (fn === 'summarise' || fn === 'validateMany') equal(out.total, out.valid + out.invalid, `${fn} totals`);
      }
      equal(Object.prototype.polluted, undefined, 'Object.prototype is untouched');
    });
  }

  test('after every hostile input, the same instance still validates a good document', () => {
    const r = validate(fixture('flat.task', 'doing').text);
    equal(r.valid, true);
    equal(normalise(fixture('flat.task', 'doing').text).state, 'running');
  });

  test(`runs in ${runtime}`, () => ok(runtime === 'node' || runtime === 'chromium'));
  return tests;
}
