// A deterministic corpus of task status documents: all five dialects mixed, 10 % invalid.
// The same seed gives the same bytes on every machine; nothing is committed.

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (r, n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
const uuid = (r) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-8${hex(r, 3)}-${hex(r, 12)}`;
const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const T = 1751969730000; // 2025-07-08T10:15:30Z
const iso = (ms) => new Date(ms).toISOString();

const makers = {
  'livepeer.task': (r) => ({
    id: uuid(r).toUpperCase(),
    type: pick(r, ['upload', 'export', 'transcode-file', 'clip']),
    createdAt: T,
    scheduledAt: T + 300,
    outputAssetId: uuid(r),
    projectId: uuid(r),
    params: { upload: { url: `https://cdn.example.com/${hex(r, 6)}/file.mp4`, c2pa: false } },
    status: { phase: pick(r, ['pending', 'waiting', 'running', 'completed', 'failed']), updatedAt: T + Math.floor(r() * 1e6), progress: Math.round(r() * 100) / 100, retries: 0 },
  }),
  'livepeer.asset': (r) => ({
    id: uuid(r),
    name: `video-${hex(r, 6)}.mp4`,
    type: 'video',
    playbackId: hex(r, 16),
    source: { type: 'url', url: `https://cdn.example.com/${hex(r, 6)}/file.mp4` },
    playbackPolicy: null,
    createdAt: T,
    status: { phase: pick(r, ['uploading', 'processing', 'ready', 'failed']), updatedAt: T + Math.floor(r() * 1e6), progress: Math.round(r() * 100) / 100 },
  }),
  'sailpoint.task-status': (r) => ({
    id: hex(r, 32),
    type: 'QUARTZ',
    uniqueName: 'Cloud Account Aggregation',
    description: 'Aggregates from the specified application.',
    parentName: null,
    launcher: 'sweep',
    target: { id: hex(r, 32), type: 'APPLICATION', name: 'Active Directory [source]' },
    created: iso(T),
    modified: iso(T + 60000),
    launched: iso(T),
    completed: null,
    completionStatus: pick(r, [null, 'SUCCESS', 'ERROR']),
    messages: [{ type: 'INFO', localizedText: { locale: 'en-US', message: 'Aggregation started' }, key: 'akey', parameters: [{ name: 'value' }] }],
    returns: [{ name: 'label', attributeName: 'identityCount' }],
    attributes: { identityCount: Math.floor(r() * 1000) },
    progress: 'Started',
    percentComplete: Math.floor(r() * 100),
  }),
  'veritone.task-status-detail': (r) => ({
    engineID: uuid(r),
    internalJobID: uuid(r),
    internalTaskID: uuid(r),
    workRequestID: uuid(r),
    taskStatus: pick(r, ['queued', 'running', 'complete', 'failed']),
    taskAction: 'updateStatus',
    priorTimestamp: T,
    timestamp: T + 30000,
    errorCount: 0,
    retryCount: 0,
    inputs: [{ id: uuid(r), processedCount: 3, processedTotalCount: 10 }],
    processedStats: { processedChunks: 3, processedMediaSeconds: 30, processedBytes: 1048576 },
  }),
  'flat.task': (r) => ({
    id: hex(r, 24),
    type: 'audio-export',
    state: pick(r, ['created', 'doing', 'done', 'error']),
    format: 'mp3',
    score: hex(r, 24),
    progress: { percent: Math.floor(r() * 100), text: 'Rendering audio' },
    creationDate: iso(T),
    modificationDate: iso(T + 12000),
    isCancellable: false,
  }),
};
export const DIALECTS = Object.keys(makers);

/** Breaks a valid document in one of a few realistic ways. */
function spoil(r, doc) {
  const keys = Object.keys(doc);
  const k = pick(r, keys);
  switch (Math.floor(r() * 3)) {
    case 0:
      doc[k] = typeof doc[k] === 'string' ? 42 : 'wrong';
      break;
    case 1:
      if ('state' in doc) doc.state = 'finished';
      else if ('taskStatus' in doc) doc.taskStatus = 'completed';
      else if (doc.status) doc.status = { ...doc.status, phase: 'done' };
      else doc.completionStatus = 'DONE';
      break;
    default:
      doc[k] = null;
  }
  return doc;
}

/** Yields { dialect, line } forever; every tenth document (at random) is invalid. */
export function* documents(seed = 1) {
  const r = rng(seed);
  for (;;) {
    const dialect = pick(r, DIALECTS);
    const doc = makers[dialect](r);
    yield { dialect, line: JSON.stringify(r() < 0.1 ? spoil(r, doc) : doc) };
  }
}

/** NDJSON of about `bytes` bytes, with the dialect of each line. */
export function corpus(bytes, seed = 1) {
  const lines = [];
  const dialects = [];
  let size = 0;
  for (const { dialect, line } of documents(seed)) {
    if (size >= bytes) break;
    lines.push(line);
    dialects.push(dialect);
    size += Buffer.byteLength(line) + 1;
  }
  return { lines, dialects, text: `${lines.join('\n')}\n`, bytes: size };
}
