// Sample documents for the page's menu: for every dialect, a valid and an invalid one
// (taken from the vendor examples in reference/dialects.md).
export const samples = [
  {
    id: 'flat-doing',
    label: 'Flat.io Task: running (valid)',
    text: JSON.stringify(
      {
        id: '65ead1f0c2b3a40012ab34cd',
        type: 'audio-export',
        state: 'doing',
        format: 'mp3',
        score: '56ae21579a127715a02901a6',
        revision: '65ead1e9c2b3a40012ab34c9',
        progress: { percent: 40, text: 'Rendering audio' },
        creationDate: '2026-07-08T10:15:30.000Z',
        modificationDate: '2026-07-08T10:15:42.000Z',
        isCancellable: false,
      },
      null,
      2,
    ),
  },
  {
    id: 'flat-invalid',
    label: 'Flat.io Task: three mistakes (invalid)',
    text: JSON.stringify(
      {
        id: '65ead1f0c2b3a40012ab34ce',
        state: 'cancelled',
        creationDate: '2026-07-08 10:15:30',
        progress: { percent: '40%' },
        colour: 'blue',
      },
      null,
      2,
    ),
  },
  {
    id: 'flat-ndjson',
    label: 'Flat.io Tasks: NDJSON collection',
    text: [
      { id: '65ead1f0c2b3a40012ab3501', type: 'score-save', state: 'done', doneDate: '2026-07-08T10:02:00.000Z' },
      { id: '65ead1f0c2b3a40012ab3502', type: 'audio-export', state: 'doing', progress: { percent: 50 } },
      { id: '65ead1f0c2b3a40012ab3503', state: 'error', errorHistory: ['render-timeout'], result: { error: 'render-timeout' } },
      { id: '65ead1f0c2b3a40012ab3504', state: 'created' },
    ]
      .map((d) => JSON.stringify(d))
      .join('\n'),
  },
];
