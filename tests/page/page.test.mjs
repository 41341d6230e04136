// The page end to end in headless Chromium, served with the product's CSP.
import { test, after } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';
import { launchChromium, watch } from '../js/chromium.mjs';
import { deepEqual, equal, ok } from '../js/assert.js';
import { samples } from '../../www/samples.js';

const server = await startServer();
const browser = await launchChromium();
after(async () => {
  await browser.close();
  await server.close();
});

/** A fresh page that records errors and CSP violations. */
async function open() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = watch(page);
  await page.exposeFunction('reportViolation', (v) => problems.push(`CSP violation: ${v}`));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)),
  );
  const response = await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { page, problems, response };
}

const rows = (page, table) => page.$$eval(`#${table} tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));

test('the page is served with the strict CSP and starts without errors', async () => {
  const { page, problems, response } = await open();
  ok(response.headers()['content-security-policy'].includes("script-src 'self' 'wasm-unsafe-eval'"));
  equal(await page.$$eval('script:not([src])', (s) => s.length), 0, 'no inline scripts');
  ok((await page.textContent('#version')).startsWith('taskstatus '), 'version shown');
  const dialects = await page.$$eval('#dialect option', (o) => o.map((x) => x.value));
  ok(dialects.includes('auto') && dialects.includes('flat.task'), `dialects: ${dialects}`);
  deepEqual(problems, []);
  await page.close();
});

test('every sample gives its verdict: a valid and an invalid one for each dialect', async () => {
  const { page, problems } = await open();
  const menu = await page.$$eval('#sample option', (o) => o.map((x) => x.value).filter(Boolean));
  deepEqual(menu, samples.map((s) => s.id));
  const dialects = new Set();
  for (const s of samples) {
    await page.selectOption('#sample', s.id);
    const verdict = await page.textContent('#verdict');
    if (s.valid === true) {
      ok(verdict.startsWith('Valid '), `${s.id}: ${verdict}`);
      dialects.add(verdict.split(' ')[1]);
      ok((await page.textContent('#card')).includes('State'), `${s.id}: normalised card`);
    } else if (s.valid === false) {
      ok(verdict.startsWith('Not valid'), `${s.id}: ${verdict}`);
      ok((await rows(page, 'issues')).length > 0, `${s.id}: issues listed`);
    } else {
      ok(/documents are valid/.test(verdict), `${s.id}: ${verdict}`);
    }
  }
  equal(dialects.size, 5, `valid samples cover every dialect: ${[...dialects]}`);
  deepEqual(problems, []);
  await page.close();
});

test('the valid sample shows a valid verdict, the normalised card and a summary', async () => {
  const { page, problems } = await open();
  await page.selectOption('#sample', 'flat-doing');
  ok((await page.textContent('#verdict')).startsWith('Valid flat.task document'));
  ok(await page.isHidden('#issues'), 'no issues table');
  const card = await page.textContent('#card');
  ok(card.includes('running') && card.includes('40%') && card.includes('Rendering audio'), card);
  equal(JSON.parse(await page.textContent('#normalised')).state, 'running');
  ok((await page.textContent('#summary-text')).startsWith('1 task: 1 running (40%)'));
  deepEqual(problems, []);
  await page.close();
});

test('the invalid sample lists its issues; clicking one selects that spot in the editor', async () => {
  const { page, problems } = await open();
  await page.selectOption('#sample', 'flat-invalid');
  const issues = await rows(page, 'issues');
  // The sample (www/samples.js) holds: a Livepeer spelling of the state, a date without
  // the T separator, a percent as text and an unknown property.
  deepEqual(
    issues.map((r) => [r[0], r[1], r[2], r[3]]),
    [
      ['error', 'enum', '/state', '3:12'],
      ['error', 'format', '/creationDate', '4:19'],
      ['error', 'type', '/progress/percent', '6:16'],
      ['warning', 'unknown-field', '/colour', '8:13'],
    ],
  );
  await page.click('#issues tbody tr:nth-child(2) button');
  const selected = await page.$eval('#editor', (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  equal(selected, '"2026-07-08 10:15:30"');
  equal(await page.evaluate(() => document.activeElement.id), 'editor');
  deepEqual(problems, []);
  await page.close();
});

test('files set through the file input are summarised together', async () => {
  const { page, problems } = await open();
  const doc = (id, state) => JSON.stringify({ id, state });
  await page.setInputFiles('#files', [
    { name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([{ id: 'a', state: 'done' }, { id: 'b', state: 'doing' }], null, 2)) },
    { name: 'b.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${doc('c', 'error')}\n${doc('d', 'nope')}\n`) },
  ]);
  await page.waitForFunction(() => document.querySelector('#summary-text').textContent.startsWith('4 tasks'));
  equal(await page.textContent('#summary-text'), '4 tasks: 1 running, 1 succeeded, 1 failed · 1 invalid');
  equal(await page.textContent('#verdict'), '3 of 4 documents are valid.');
  deepEqual((await rows(page, 'issues')).map((r) => r.slice(1, 4)), [['enum', '#4 /state', '4:19']]);
  deepEqual(problems, []);
  await page.close();
});

test('document content is shown as text: script and HTML payloads never run', async () => {
  const { page, problems } = await open();
  const payload = {
    id: '<img src=x onerror="window.__xss=1">',
    type: '</script><script>window.__xss=2</script>',
    state: 'done',
    result: { url: 'javascript:window.__xss=3', error: '<b>bold</b>' },
    progress: { text: '<svg onload="window.__xss=4">' },
  };
  await page.fill('#editor', JSON.stringify(payload, null, 2));
  await page.waitForFunction(() => document.querySelector('#verdict').textContent.startsWith('Valid'));
  equal(await page.evaluate(() => window.__xss), undefined, 'nothing executed');
  equal(await page.$$eval('main img, main svg, main script, main b', (n) => n.length), 0, 'no element came from the document');
  ok((await page.textContent('#card')).includes('<img src=x onerror="window.__xss=1">'), 'the id is shown literally');
  ok((await page.textContent('#normalised')).includes('javascript:window.__xss=3'), 'the URL is shown as text');
  equal(await page.$$eval('a[href^="javascript:"]', (a) => a.length), 0, 'no javascript: link');
  await page.screenshot({ path: process.env.SCREENSHOT ?? '/tmp/taskstatus-page.png', fullPage: true });
  deepEqual(problems, []);
  await page.close();
});

test('a 50 MB NDJSON file streams through the worker and the page stays responsive', async () => {
  const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { documents } = await import('../../bench/corpus.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'taskstatus-page-'));
  const path = join(dir, 'big.ndjson');
  const lines = [];
  let size = 0;
  let total = 0;
  for (const { line } of documents(3)) {
    if (size > 50e6) break;
    lines.push(line);
    size += line.length + 1;
    total++;
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  lines.length = 0;
  const { page, problems } = await open();
  // Cancel ends the worker at once.
  await page.setInputFiles('#files', path);
  await page.click('#big-cancel');
  equal(await page.evaluate(() => document.body.dataset.big), 'cancelled');
  ok((await page.textContent('#big-rate')).startsWith('Cancelled after'), 'says where it stopped');
  await page.setInputFiles('#files', []);
  await page.setInputFiles('#files', path);
  // While the worker runs, the main thread still answers.
  await page.waitForFunction(() => ['running', 'done'].includes(document.body.dataset.big));
  equal(await page.evaluate(() => 1 + 1), 2);
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.big), null, { timeout: 120000 });
  equal(await page.evaluate(() => document.body.dataset.big), 'done', await page.textContent('#big-rate'));
  const verdict = await page.textContent('#verdict');
  ok(verdict.startsWith(`big.ndjson: `) && verdict.includes(`of ${total} documents are valid`), verdict);
  ok(await page.isHidden('#tasks'));
  equal(await page.$eval('#big-progress', (p) => p.value), 100);
  deepEqual(problems, []);
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the summary view: a stacked bar with counts, stalled and failed rows marked, ETA shown', async () => {
  const { page, problems } = await open();
  await page.selectOption('#sample', 'flat-ndjson');
  // The sample: done, doing 50 % (no times), error, created.
  deepEqual(await page.$$eval('#states .segment', (s) => s.map((x) => [x.className, x.textContent])), [
    ['segment seg-queued', '1'],
    ['segment seg-running', '1'],
    ['segment seg-succeeded', '1'],
    ['segment seg-failed', '1'],
  ]);
  deepEqual(await page.$$eval('#state-counts li', (l) => l.map((x) => x.textContent.trim())), ['queued 1', 'running 1', 'succeeded 1', 'failed 1']);
  deepEqual(await page.$$eval('#tasks tbody tr', (r) => r.map((x) => x.className.trim())), ['', '', 'row-failed', '']);
  // A running task updated long ago is stalled, and with a start time and progress it has an ETA.
  const old = new Date(Date.now() - 3600_000).toISOString();
  const start = new Date(Date.now() - 7200_000).toISOString();
  await page.fill('#editor', JSON.stringify({ id: 'a', state: 'doing', creationDate: start, modificationDate: old, progress: { percent: 50 } }));
  await page.waitForFunction(() => document.querySelector('#tasks tbody tr')?.className.includes('row-stalled'));
  const cells = await page.$$eval('#tasks tbody tr td', (t) => t.map((x) => x.textContent.trim()));
  equal(cells[1], 'running stalled');
  equal(cells[3], '2 h', 'ETA = elapsed × (1 − p) / p = 2 h');
  deepEqual(problems, []);
  await page.close();
});

test('result URLs: a link for https, plain text for anything else', async () => {
  const { page, problems } = await open();
  await page.fill('#editor', JSON.stringify({ id: 'a', state: 'done', result: { url: 'https://example.com/export.mp3' } }));
  await page.waitForSelector('#card a');
  equal(await page.$eval('#card a', (a) => [a.href, a.rel].join(' ')), 'https://example.com/export.mp3 noopener noreferrer');
  await page.fill('#editor', JSON.stringify({ id: 'a', state: 'done', result: { url: 'data:text/html,<script>alert(1)</script>' } }));
  await page.waitForFunction(() => document.querySelector('#card').textContent.includes('data:text/html'));
  equal(await page.$$eval('#card a', (a) => a.length), 0);
  deepEqual(problems, []);
  await page.close();
});

test('keyboard and small screens: every control is reachable by Tab, nothing overflows at 360 px', async () => {
  const { page, problems } = await open();
  const reached = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName));
  }
  for (const id of ['sample', 'dialect', 'strict', 'files', 'editor']) ok(reached.includes(id), `${id} in ${reached}`);
  const unlabelled = await page.$$eval('select, input, textarea', (els) => els.filter((e) => !e.labels?.length && !e.getAttribute('aria-label')).map((e) => e.id));
  deepEqual(unlabelled, [], 'every control has a label');
  await page.setViewportSize({ width: 360, height: 800 });
  await page.selectOption('#sample', 'sailpoint');
  ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no horizontal scrolling at 360 px');
  deepEqual(problems, []);
  await page.close();
});

test('light and dark schemes follow the system', async () => {
  const colours = [];
  for (const colorScheme of ['light', 'dark']) {
    const page = await browser.newPage({ colorScheme });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    colours.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
    await page.close();
  }
  ok(colours[0] !== colours[1], `${colours}`);
});
