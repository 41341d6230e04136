// Minimal assertions that run unchanged in Node and in a browser.

export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

const show = (v) => {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
};

export function ok(value, message = 'expected a truthy value') {
  if (!value) throw new AssertionError(message);
}

export function equal(actual, expected, message = '') {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${message}\n   got: ${show(actual)}\n  want: ${show(expected)}`);
  }
}

/** Key order does not matter; numbers compare as numbers; undefined members are absent. */
function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = canonical(v[k]);
    return out;
  }
  return v;
}

export function deepEqual(actual, expected, message = '') {
  const a = show(canonical(actual));
  const b = show(canonical(expected));
  if (a !== b) throw new AssertionError(`${message}\n   got: ${a}\n  want: ${b}`);
}

/** Runs `fn`, expects it to throw an instance of `Type`; returns the error. */
export function throws(fn, Type, message = '') {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof Type)) {
      throw new AssertionError(`${message}: expected a ${Type.name}, got ${e && e.name}: ${e && e.message}`);
    }
    return e;
  }
  throw new AssertionError(`${message}: expected a ${Type.name}, nothing was thrown`);
}
