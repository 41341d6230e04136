// The JS suite over the built package, in headless Chromium: the page imports the
// browser entry from a server that sends the product's CSP; each result becomes a Node test.
import { test, after } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';
import { launchChromium, watch } from './chromium.mjs';
import { loadFixtures } from './fixtures.mjs';

const server = await startServer({ mounts: { '/pkg/': 'pkg', '/tests/': 'tests', '/': 'www' } });
const browser = await launchChromium();
after(async () => {
  await browser.close();
  await server.close();
});

const page = await browser.newPage();
const problems = watch(page);
const violations = [];
await page.exposeFunction('reportViolation', (v) => violations.push(v));
await page.addInitScript(() =>
  document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)),
);
await page.goto(`${server.url}tests/js/browser.html`);
await page.waitForFunction(() => window.suiteLoaded === true, null, { timeout: 30000 });
const results = await page.evaluate((fixtures) => window.runSuite(fixtures), loadFixtures());

for (const r of results) {
  test(`chromium: ${r.name}`, () => {
    if (!r.ok) throw new Error(r.error);
  });
}
test('chromium: no page errors, console errors or CSP violations', () => {
  const all = [...problems, ...violations];
  if (all.length) throw new Error(all.join('\n'));
});
