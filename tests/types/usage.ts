// Type-checked with `tsc --noEmit --strict` against the installed package (tests/js/consumer.test.mjs).
// Every function of the API is used; each `@ts-expect-error` line must fail to type-check,
// or tsc reports the directive as unused and the test fails.
import {
  init,
  version,
  validate,
  validateMany,
  createValidator,
  normalise,
  detect,
  summarise,
  dialects,
  jsonSchema,
  TaskStatusError,
  type DialectId,
  type DialectDocuments,
  type FlatTask,
  type Issue,
  type IssueCode,
  type LifecycleState,
  type ManyReport,
  type NormalisedStatus,
  type Summary,
  type ValidationReport,
  type VeritoneTaskStatusDetail,
} from 'taskstatus';

await init();
const v: string = version;

const report: ValidationReport = validate('{"id":"1","state":"doing"}', { dialect: 'flat.task', strict: true, maxIssues: 10 });
const valid: boolean = report.valid;
const dialect: DialectId | null = report.dialect;
const first: Issue | undefined = report.issues[0];
const code: IssueCode | undefined = first?.code;
const line: number | undefined = first?.line;
// @ts-expect-error: line is optional, so it may be undefined
const mustLine: number = first!.line;
// @ts-expect-error: not a dialect id
validate('{}', { dialect: 'flat' });
// @ts-expect-error: maxIssues is a number
validate('{}', { maxIssues: '10' });
// @ts-expect-error: no such option
validate('{}', { strictt: true });
// @ts-expect-error: not an issue code
const badCode: IssueCode = 'unknown-key';

const many: ManyReport = validateMany(['{}', { id: 'x' }], { dialect: 'auto' });
const counted: number = many.byDialect['livepeer.asset'] + many.total;
const itemLine: number | undefined = many.invalidItems[0]?.line;
// @ts-expect-error: validateMany takes text or an array, not one object
validateMany({ id: 'x' });

const stream = createValidator({ maxIssues: 5 });
stream.push('{"id":"1","state":"doing"}\n');
stream.push(new TextEncoder().encode('{"id":"2"}'));
const streamed: ManyReport = stream.finish();
// @ts-expect-error: chunks are strings or bytes
stream.push(42);

const doc: FlatTask = { id: '65ead1f0c2b3a40012ab34cd', type: 'audio-export', state: 'doing', progress: { percent: 40 } };
// @ts-expect-error: 'finished' is not a Flat state
const badDoc: FlatTask = { id: 'x', state: 'finished' };
// @ts-expect-error: Veritone spells it engineID
const veritone: VeritoneTaskStatusDetail = { engineId: 'x' };
const anyDoc: DialectDocuments['livepeer.task'] = { phase: 'running', updatedAt: 1 };

try {
  const status: NormalisedStatus = normalise(doc);
  const state: LifecycleState = status.state;
  const progress: number | null = status.progress;
  const children: NormalisedStatus[] = status.children;
  // @ts-expect-error: 'done' is a Flat state, not a lifecycle state
  const badState: LifecycleState = 'done';
  // @ts-expect-error: progress may be null
  const sure: number = status.progress;
} catch (e) {
  if (e instanceof TaskStatusError) {
    const issues: Issue[] = e.issues;
    const where: DialectId | null = e.dialect;
  }
}

const detected = detect('{"phase":"running"}');
const confidence: number = detected.confidence;
const candidate: DialectId | undefined = detected.candidates[0]?.dialect;

const summary: Summary = summarise('{"id":"1","state":"doing"}\n', { now: '2026-01-01T00:00:00Z', stalledAfterMs: 60000, tasks: false });
const running: number = summary.byState.running;
const eta: number | undefined = summary.tasks[0]?.etaMs;
const text: string = summary.text;
// @ts-expect-error: now is epoch ms or RFC 3339 text
summarise('', { now: new Date() });

const ids: DialectId[] = dialects().map((d) => d.id);
const schema: Record<string, unknown> = jsonSchema('normalised');
jsonSchema('flat.task');
// @ts-expect-error: not a schema id
jsonSchema('flat');

export { v, valid, dialect, code, line, mustLine, badCode, counted, itemLine, streamed, badDoc, veritone, anyDoc, confidence, candidate, running, eta, text, ids, schema };
