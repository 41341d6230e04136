// Refreshes docs/screenshot.png: the page in headless Chromium with a sample loaded (make screenshot).
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { launchChromium } from '../tests/js/chromium.mjs';

const out = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));
const server = await startServer();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.selectOption('#sample', 'flat-invalid');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
