// A small static server for the page (`make demo`) and the browser tests. It sends the
// Content-Security-Policy the page must work under, and the wasm MIME type that
// WebAssembly.instantiateStreaming needs.
//   node scripts/serve.mjs [--port 8080]      serves www/ at / and pkg/ at /pkg/
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ndjson': 'application/x-ndjson; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ts': 'text/plain; charset=utf-8',
};

/** Mounts: URL prefix → folder under the repository. */
export const DEFAULT_MOUNTS = { '/pkg/': 'pkg', '/': 'www' };

function fileFor(urlPath, mounts) {
  const prefix = Object.keys(mounts)
    .sort((a, b) => b.length - a.length)
    .find((p) => urlPath.startsWith(p));
  if (prefix === undefined) return null;
  const base = resolve(root, mounts[prefix]); // absolute mounts (test projects) too
  let rel;
  try {
    rel = decodeURIComponent(urlPath.slice(prefix.length));
  } catch {
    return null;
  }
  const file = normalize(join(base, rel));
  if (file !== base && !file.startsWith(base + sep)) return null; // no escaping the mount
  try {
    const s = statSync(file);
    if (s.isDirectory()) return fileFor(`${urlPath.replace(/\/?$/, '/')}index.html`, mounts);
    return s.isFile() ? file : null;
  } catch {
    return null;
  }
}

export function startServer({ port = 0, host = '127.0.0.1', mounts = DEFAULT_MOUNTS } = {}) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = req.method === 'GET' || req.method === 'HEAD' ? fileFor(path, mounts) : null;
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    if (!file) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      ok({ url: `http://${host}:${actual}/`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = Number(i > 0 ? process.argv[i + 1] : process.env.PORT ?? 8080);
  const { url } = await startServer({ port });
  console.log(`taskstatus demo: ${url}  (Ctrl+C to stop)`);
}
