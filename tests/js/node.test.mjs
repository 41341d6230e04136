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

// Rules JSON Schema cannot state, listed by fixture name; each says why.
const SCHEMA_EXCEPTIONS = {
  'unknown-field-strict': 'strict: true makes unknown fields errors; the schema describes strict: false',
};

function ajv() {
  const a = new Ajv2020({ allErrors: true, strict: true });
  addFormats(a);
  return a;
}

test('node: ajv and validate agree on every fixture (warnings ignored)', () => {
  const a = ajv();
  const compiled = {};
  let compared = 0;
  for (const f of fixtures) {
    let doc;
    try {
      doc = JSON.parse(f.text);
    } catch {
      continue; // not JSON: nothing for ajv to check
    }
    const r = api.validate(f.text, f.expected.options);
    if (!r.dialect || SCHEMA_EXCEPTIONS[f.name]) continue;
    compiled[r.dialect] ??= a.compile(api.jsonSchema(r.dialect));
    const check = compiled[r.dialect];
    equal(check(doc), r.valid, `${f.dialect}/${f.name}: ajv ${JSON.stringify(check.errors)}`);
    compared++;
  }
  ok(compared >= 20, `compared ${compared} fixtures`);
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
