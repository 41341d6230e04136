// One range of an NDJSON file for `taskstatus check --jobs N`: validates the lines between
// `start` and `end` (both at line starts) and posts the report and the number of lines.
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createValidator } from './node.js';

const { path, start, end, options } = workerData;
const validator = createValidator(options);
let lineCount = 0;
if (end > start) {
  for await (const chunk of createReadStream(path, { start, end: end - 1, highWaterMark: 1024 * 1024 })) {
    validator.push(chunk);
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lineCount += 1;
    parentPort.postMessage({ bytes: chunk.length });
  }
}
parentPort.postMessage({ report: validator.finish(), lineCount });
