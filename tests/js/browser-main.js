// Runs the shared suite against the package's browser entry, under the same CSP as the page.
import * as api from '/pkg/browser.js';
import { suite } from './suite.js';

// Before init() the browser entry must refuse politely, not crash.
let beforeInit;
try {
  api.validate('{}');
  beforeInit = 'validate worked before init()';
} catch (e) {
  beforeInit = e instanceof Error && e.message.includes('init()') ? null : `wrong error before init(): ${e}`;
}

window.runSuite = async (fixtures) => {
  const results = [{ name: 'calling before init() throws an error that says to call it', ok: !beforeInit, error: beforeInit }];
  await api.init();
  for (const t of suite({ api, fixtures, runtime: 'chromium' })) {
    try {
      await t.fn();
      results.push({ name: t.name, ok: true });
    } catch (e) {
      results.push({ name: t.name, ok: false, error: String((e && e.stack) || e) });
    }
  }
  return results;
};
window.suiteLoaded = true;
