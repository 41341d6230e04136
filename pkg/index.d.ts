// Types of the public API (DESIGN §1). Hand-written for now; to be generated from the
// Rust types (issue: ecosystem).

export type DialectId =
  | 'flat.task'
  | 'livepeer.task'
  | 'livepeer.asset'
  | 'sailpoint.task-status'
  | 'veritone.task-status-detail';

export type LifecycleState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'unknown';

export interface Issue {
  severity: 'error' | 'warning';
  /** Stable kebab-case code: 'syntax', 'type', 'required', 'enum', 'format', 'range', 'unknown-field', 'legacy-value', 'duplicate-key', 'unknown-dialect', 'limit'. */
  code: string;
  /** RFC 6901 JSON Pointer into the document; '' is the root. */
  path: string;
  message: string;
  /** Only when the input was text: 1-based. */
  line?: number;
  /** Only when the input was text: 1-based, in UTF-16 code units. */
  column?: number;
}

export interface ValidateOptions {
  dialect?: DialectId | 'auto';
  strict?: boolean;
  /** Default 100, at most 100000. */
  maxIssues?: number;
}

export interface ValidationReport {
  valid: boolean;
  dialect: DialectId | null;
  issues: Issue[];
  truncated: boolean;
}

export interface NormalisedStatus {
  dialect: DialectId;
  id: string | null;
  kind: string | null;
  name: string | null;
  state: LifecycleState;
  terminal: boolean;
  sourceState: string | null;
  progress: number | null;
  progressText: string | null;
  createdAt: string | null;
  startedAt: string | null;
  updatedAt: string | null;
  finishedAt: string | null;
  retries: number | null;
  errors: { message: string; code?: string }[];
  messages: { level: 'info' | 'warning' | 'error'; text: string; code?: string }[];
  result: object | null;
  children: NormalisedStatus[];
  extra: Record<string, unknown>;
}

export interface Detection {
  dialect: DialectId | null;
  confidence: number;
  candidates: { dialect: DialectId; confidence: number }[];
}

export interface SummaryOptions extends ValidateOptions {
  /** Epoch milliseconds or RFC 3339; default: the current time. */
  now?: number | string;
  /** Default 900000 (15 minutes). */
  stalledAfterMs?: number;
  /** List each task in `tasks` (default true). */
  tasks?: boolean;
}

export interface Summary {
  total: number;
  valid: number;
  invalid: number;
  byState: Record<LifecycleState, number>;
  byDialect: Record<DialectId, number>;
  progress: number | null;
  stalled: { id: string | null; dialect: DialectId; updatedAt: string; idleMs: number }[];
  failures: { id: string | null; dialect: DialectId; message: string }[];
  invalidItems: { index: number; line?: number; issues: Issue[] }[];
  tasks: {
    index: number;
    id: string | null;
    dialect: DialectId;
    state: LifecycleState;
    progress: number | null;
    etaMs?: number;
    text: string;
  }[];
  text: string;
}

export interface ManyReport {
  total: number;
  valid: number;
  invalid: number;
  byDialect: Record<DialectId, number>;
  invalidItems: { index: number; line?: number; issues: Issue[] }[];
  /** Issues or invalid items were left out at maxIssues (a cap on the total). */
  truncated: boolean;
}

export interface StreamingValidator {
  /** NDJSON text, or UTF-8 bytes; documents and characters may be split across chunks. */
  push(chunk: string | Uint8Array): void;
  /** Validates a last line without a newline, frees the validator and returns the report. */
  finish(): ManyReport;
}

export interface DialectInfo {
  id: DialectId;
  title: string;
  vendor: string;
  description: string;
  docs: string;
}

export declare class TaskStatusError extends Error {
  name: 'TaskStatusError';
  issues: Issue[];
  dialect: DialectId | null;
}

/** Call once before first use in browsers; resolves at once in Node. */
export function init(): Promise<void>;
export const version: string;
/** A string is JSON text; anything else is an already-parsed JSON value. */
export function validate(input: string | unknown, options?: ValidateOptions): ValidationReport;
/** Many documents: NDJSON text, JSON text of an array, or an array. */
export function validateMany(input: string | unknown[], options?: ValidateOptions): ManyReport;
/** NDJSON in chunks, in constant memory. */
export function createValidator(options?: ValidateOptions): StreamingValidator;
/** Throws TaskStatusError when the document has errors. */
export function normalise(input: string | unknown, options?: ValidateOptions): NormalisedStatus;
export function detect(input: string | unknown): Detection;
/** One document, an array, JSON text or NDJSON text. */
export function summarise(input: string | unknown, options?: SummaryOptions): Summary;
export function dialects(): DialectInfo[];
/** JSON Schema draft 2020-12. */
export function jsonSchema(id: DialectId | 'normalised'): object;
