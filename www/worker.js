// Validates a big NDJSON file off the main thread: File.stream() → createValidator, in
// constant memory, with progress messages. The page cancels by terminating the worker.
import { init, createValidator } from './pkg/browser.js';

self.onmessage = async ({ data }) => {
  if (data.type !== 'validate') return;
  try {
    await init();
    const validator = createValidator(data.options);
    const reader = data.file.stream().getReader();
    const started = performance.now();
    let bytes = 0;
    let lastReport = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      validator.push(value);
      bytes += value.byteLength;
      const now = performance.now();
      if (now - lastReport > 100) {
        lastReport = now;
        self.postMessage({ type: 'progress', bytes, total: data.file.size, seconds: (now - started) / 1000 });
      }
    }
    const report = validator.finish();
    self.postMessage({ type: 'done', bytes, seconds: (performance.now() - started) / 1000, report });
  } catch (e) {
    self.postMessage({ type: 'error', message: String((e && e.message) || e) });
  }
};
