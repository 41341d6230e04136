// The JS suite over the built package, in Node; plus the checks that need Node-only
// tools (ajv against the generated JSON Schemas).
import { test } from 'node:test';
import { createRequire } from 'node:module';
import * as api from '../../pkg/node.js';
import { loadFixtures } from './fixtures.mjs';
import { suite } from './suite.js';
import { deepEqual, equal, ok } from './assert.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const fixtures = loadFixtures();
for (const t of suite({ api, fixtures, runtime: 'node' })) test(`node: ${t.name}`, t.fn);

// Rules JSON Schema cannot state, listed by fixture; each says why. Besides these, every
// fixture run with `strict: true` is skipped: the schema describes `strict: false`.
const JSON_IN_STRING = 'Veritone errorDetails/payloadJSON hold JSON text; contentMediaType is only an annotation in 2020-12';
const SCHEMA_EXCEPTIONS = {
  'veritone.task-status-detail/error-details-not-json': JSON_IN_STRING,
  'veritone.task-status-detail/error-details-not-array': JSON_IN_STRING,
  'veritone.task-status-detail/payload-json-not-json': JSON_IN_STRING,
};

function ajv() {
  // strictRequired is off: the root choice (`if: { anyOf: [{ required: [k] }] }`) names keys
  // without declaring them there, on purpose.
  const a = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(a);
  return a;
}

test('node: ajv and validate agree on every fixture (warnings ignored)', () => {
  const a = ajv();
  const compiled = {};
  let compared = 0;
  const disagreements = [];
  for (const f of fixtures) {
    let doc;
    try {
      doc = JSON.parse(f.text);
    } catch {
      continue; // not JSON: nothing for ajv to check
    }
    const r = api.validate(f.text, f.expected.options);
    if (!r.dialect || f.expected.options?.strict || SCHEMA_EXCEPTIONS[`${f.dialect}/${f.name}`]) continue;
    compiled[r.dialect] ??= a.compile(api.jsonSchema(r.dialect));
    const check = compiled[r.dialect];
    if (check(doc) !== r.valid) disagreements.push(`${f.dialect}/${f.name}: ajv ${check(doc)}, validate ${r.valid}`);
    compared++;
  }
  deepEqual(disagreements, []);
  ok(compared >= 90, `compared ${compared} fixtures`);
});

test('node: every normalised fixture output satisfies jsonSchema("normalised")', () => {
  const check = ajv().compile(api.jsonSchema('normalised'));
  let n = 0;
  for (const f of fixtures.filter((x) => x.expected.normalised)) {
    const out = api.normalise(f.text, f.expected.options);
    ok(check(out), `${f.name}: ${JSON.stringify(check.errors)}`);
    // And the schema is not vacuous: a broken copy fails it.
    ok(!check({ ...out, state: 'done' }), `${f.name}: a wrong state must fail the schema`);
    n++;
  }
  ok(n >= 6, `checked ${n}`);
});

test('node: the package version agrees with package.json and the wasm', async () => {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8'));
  const cargo = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8').match(/^version = "(.*)"$/m)[1];
  deepEqual([api.version, pkg.version], [cargo, cargo]);
});

test('node: each entry point ships as one minified module, with a source map that holds its sources in js/', async () => {
  const { readFileSync } = await import('node:fs');
  const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
  const lines = (text) => text.split('\n').length;
  // What each may still import: Node's own modules; the schemas, loaded at init in a browser.
  const imports = { 'node.js': ['from"node:fs"'], 'browser.js': ['import("./schemas.js")'] };
  for (const name of ['node.js', 'browser.js']) {
    const source = read(`js/${name}`);
    const shipped = read(`pkg/${name}`);
    const map = JSON.parse(read(`pkg/${name}.map`));
    ok(lines(shipped) < lines(source) / 4, `${name}: ${lines(shipped)} lines, minified`);
    ok(shipped.endsWith(`//# sourceMappingURL=${name}.map\n`), `${name} names its map`);
    const held = Object.fromEntries(map.sources.map((s, i) => [s, map.sourcesContent[i]]));
    deepEqual(Object.keys(held).sort(), [`../js/${name}`, '../js/api.js', 'dialects.js', 'wasm/taskstatus.js'].sort());
    equal(held[`../js/${name}`], source, `${name}.map holds js/${name}`);
    equal(held['../js/api.js'], read('js/api.js'), `${name}.map holds js/api.js`);
    deepEqual(shipped.match(/from\s*"[^"]*"|import\s*\(\s*"[^"]*"\s*\)/g), imports[name], `${name} imports`);
    // Bundlers follow `new URL(…, import.meta.url)`: each names the wasm where it is.
    deepEqual([...new Set(shipped.match(/new URL\("[^"]*"/g))], ['new URL("./wasm/taskstatus_bg.wasm"'], `${name} wasm address`);
  }
});

test('node: the package ships each JSON Schema as a documented file, valid against draft 2020-12', async () => {
  const { readFileSync } = await import('node:fs');
  const { default: browserSchemas } = await import('../../pkg/schemas.js');
  const a = ajv();
  for (const id of [...api.dialects().map((d) => d.id), 'normalised']) {
    const text = readFileSync(new URL(`../../pkg/schemas/${id}.json`, import.meta.url), 'utf8');
    const file = JSON.parse(text);
    ok(a.validateSchema(file), `${id}: ${JSON.stringify(a.errors)}`);
    const schema = api.jsonSchema(id);
    // What a browser's jsonSchema returns (js/browser.js parses the same text).
    deepEqual(schema, JSON.parse(browserSchemas[id]), `${id}: Node and browsers return the same schema`);
    ok(a.validateSchema(schema), `${id}: ${JSON.stringify(a.errors)}`);
    // The file describes; jsonSchema's copy is the file without those words.
    const described = (text.match(/"description": "/g) ?? []).length;
    ok(described > 10 && typeof file.description === 'string', `${id}: ${described} descriptions in the file`);
    ok(!JSON.stringify(schema).includes('"description":"'), `${id}: jsonSchema() holds no description`);
    deepEqual(JSON.parse(JSON.stringify(file, (k, v) => (k === 'description' && typeof v === 'string' ? undefined : v))), schema);
    deepEqual([schema.$id, schema.title], [file.$id, file.title], `${id}: id and title kept`);
  }
});
