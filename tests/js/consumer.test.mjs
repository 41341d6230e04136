// A throwaway project installs pkg/ the way a user would and imports it by name.
import { after, before, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deepEqual, equal, ok } from './assert.js';
import { launchChromium, watch } from './chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';

const pkg = fileURLToPath(new URL('../../pkg', import.meta.url));

const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
const vite = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));
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
  for (const f of ['package.json', 'node.js', 'browser.js', 'node.js.map', 'browser.js.map', 'schemas.js', 'index.d.ts', 'wasm/taskstatus_bg.wasm', 'schemas/flat.task.json', 'schemas/normalised.json']) {
    ok(existsSync(join(installed, f)), `installed ${f}`);
  }
  // The entry points are bundles: the API, the dialect list and the glue are inside them.
  for (const f of ['wasm/taskstatus.d.ts', 'wasm/taskstatus.js', 'api.js', 'dialects.js']) {
    ok(!existsSync(join(installed, f)), `only the files listed in \`files\` are installed: not ${f}`);
  }

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

test('the installed wasm names no folder of the machine that built it', () => {
  const wasm = readFileSync(join(dir, 'node_modules', 'taskstatus', 'wasm', 'taskstatus_bg.wasm')).toString('latin1');
  // Panic locations keep source paths; the build writes them relative to each crate.
  ok(wasm.includes('src/pointer.rs'), 'the check reads the paths the wasm does hold');
  for (const part of [homedir(), '/.cargo/', 'registry/src/', process.cwd()]) {
    ok(!wasm.includes(part), `the wasm holds no "${part}"`);
  }
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

test('the installed bin runs: `taskstatus check -`', () => {
  const bin = join(dir, 'node_modules', '.bin', 'taskstatus');
  const out = execFileSync(bin, ['check', '-'], { cwd: dir, input: '{"id":"a","state":"done"}', encoding: 'utf8' });
  equal(out, '1 document in 1 file: 1 valid, 0 invalid; 0 errors, 0 warnings\n');
});

// The same page script runs bundled by Vite (defaults: no config file, no plugin) and
// unbundled as a plain module, both in Chromium under the product's CSP.
const PAGE_SCRIPT = (from) => `import { init, validate, summarise, version } from '${from}';
await init();
const r = validate('{\\n  "id": 7,\\n  "state": "doing"\\n}');
const s = summarise([{ id: 'a', state: 'done' }, { id: 'b', state: 'doing', progress: { percent: 50 } }], { now: 0 });
document.querySelector('#out').textContent = JSON.stringify({ version, issue: [r.issues[0].code, r.issues[0].line, r.issues[0].column], text: s.text });
`;
const PAGE = (script) => `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script type="module" src="${script}"></script></head><body><pre id="out"></pre></body></html>`;

test('a default Vite build imports the package by name, and a plain module page runs it unbundled', async () => {
  writeFileSync(join(dir, 'main.js'), PAGE_SCRIPT('taskstatus'));
  writeFileSync(join(dir, 'index.html'), PAGE('/main.js'));
  execFileSync('node', [vite, 'build', '--logLevel', 'warn'], { cwd: dir, stdio: 'pipe' });
  const assets = readdirSync(join(dir, 'dist', 'assets'));
  ok(assets.some((f) => f.endsWith('.wasm')), `Vite emitted the wasm: ${assets}`);
  writeFileSync(join(dir, 'dist', 'favicon.ico'), ''); // so that no request fails
  writeFileSync(join(dir, 'plain.js'), PAGE_SCRIPT('./node_modules/taskstatus/browser.js'));
  writeFileSync(join(dir, 'plain.html'), PAGE('./plain.js'));

  // Vite's default base is '/': the build is served at the root, the project under /project/.
  const server = await startServer({ mounts: { '/': join(dir, 'dist'), '/project/': dir } });
  const browser = await launchChromium();
  try {
    for (const path of ['index.html', 'project/plain.html']) {
      const page = await browser.newPage();
      const problems = watch(page);
      await page.goto(new URL(path, server.url).href);
      await page.waitForFunction(() => document.querySelector('#out')?.textContent !== '', null, { timeout: 15000 });
      const got = JSON.parse(await page.textContent('#out'));
      deepEqual(got, { version: JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version, issue: ['type', 2, 9], text: '2 tasks: 1 running (50%), 1 succeeded' }, path);
      deepEqual(problems, [], path);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
