// A throwaway project installs pkg/ the way a user would and imports it by name.
import { after, before, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deepEqual, equal, ok } from './assert.js';

const pkg = fileURLToPath(new URL('../../pkg', import.meta.url));

const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
let dir;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'taskstatus-consumer-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // --install-links copies the folder as a packed package would be, so `files` is honoured.
  execFileSync('npm', ['install', '--install-links', '--no-audit', '--no-fund', '--loglevel=error', pkg], {
    cwd: dir,
    stdio: 'pipe',
  });
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('a Node 20 ESM project can `npm install` the package and import it by name', () => {
  const installed = join(dir, 'node_modules', 'taskstatus');
  for (const f of ['package.json', 'node.js', 'browser.js', 'api.js', 'index.d.ts', 'wasm/taskstatus_bg.wasm', 'wasm/taskstatus.js', 'schemas/flat.task.json', 'schemas/normalised.json']) {
    ok(existsSync(join(installed, f)), `installed ${f}`);
  }
  ok(!existsSync(join(installed, 'wasm', 'taskstatus.d.ts')), 'only the files listed in `files` are installed');

  writeFileSync(
    join(dir, 'check.mjs'),
    `import { validate, normalise, version, TaskStatusError } from 'taskstatus';
     import { createRequire } from 'node:module';
     import { readFileSync } from 'node:fs';
     const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('taskstatus/schemas/flat.task.json'), 'utf8'));
     const good = validate('{"id":"65ead1f0c2b3a40012ab34cd","state":"doing","progress":{"percent":40}}');
     const bad = validate('{\\n  "id": 1,\\n  "state": "doing"\\n}');
     let thrown = null;
     try { normalise('{}'); } catch (e) { thrown = e instanceof TaskStatusError && e.name; }
     console.log(JSON.stringify({ version, good, schemaId: schema.$id, bad: bad.issues.map(i => [i.code, i.path, i.line, i.column]), thrown,
       progress: normalise({ id: 'x', state: 'doing', progress: { percent: 40 } }).progress }));`,
  );
  const out = JSON.parse(execFileSync('node', ['check.mjs'], { cwd: dir, encoding: 'utf8' }));
  const expectedVersion = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
  equal(out.version, expectedVersion);
  equal(out.schemaId, 'urn:taskstatus:flat.task', 'schemas resolve through the exports map');
  deepEqual(out.good, { valid: true, dialect: 'flat.task', issues: [], truncated: false });
  deepEqual(out.bad, [['type', '/id', 2, 9]]);
  equal(out.thrown, 'TaskStatusError');
  equal(out.progress, 0.4);
});

test('the generated types check a typed example under `tsc --noEmit --strict`, and reject misuse', () => {
  const example = readFileSync(new URL('../types/usage.ts', import.meta.url), 'utf8');
  writeFileSync(join(dir, 'usage.ts'), example);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], types: [], skipLibCheck: false },
      files: ['usage.ts'],
    }),
  );
  let out = '';
  try {
    execFileSync('node', [tsc, '-p', dir], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    out = `${e.stdout}${e.stderr}`;
  }
  equal(out, '', 'tsc reports nothing: every use type-checks and every @ts-expect-error line fails');
  const expected = example.split('\n').filter((l) => l.includes('@ts-expect-error')).length;
  ok(expected >= 12, `the example holds its misuse lines (${expected})`);
});
