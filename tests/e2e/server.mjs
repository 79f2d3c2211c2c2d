// Dependency-free static server that behaves like GitHub Pages closely enough
// for the e2e tests: files live under a URL prefix (`base`), directories
// serve index.html, and responses are gzipped when the client accepts it.
import crypto from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const gzip = promisify(zlib.gzip);

// Compressed once per file version, as a CDN keeps it: compressing a 3 MB wasm on every
// request would be the server's time, not the page's, in the load benchmarks.
const compressed = new Map();
async function gzipped(file, body, etag) {
  const hit = compressed.get(file);
  if (hit?.etag === etag) return hit.body;
  const out = await gzip(body);
  compressed.set(file, { etag, body: out });
  return out;
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

// Binary formats that are already compressed gain nothing from gzip.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.webmanifest']);

function normaliseBase(base) {
  let b = base.startsWith('/') ? base : `/${base}`;
  if (!b.endsWith('/')) b += '/';
  return b;
}

async function resolveFile(root, relPath) {
  const full = path.resolve(root, relPath);
  // Path traversal guard: the decoded path must stay inside root.
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try {
    const st = await fs.stat(full);
    if (st.isFile()) return full;
    if (st.isDirectory()) {
      const index = path.join(full, 'index.html');
      if ((await fs.stat(index)).isFile()) return index;
    }
  } catch {
    // missing file → 404
  }
  return null;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

// `onResponse(status, path)` is told of every answer, e.g. for a test to count downloads.
export function startServer({ root, port = 0, host = '127.0.0.1', base = '/', log = false, onResponse } = {}) {
  if (!root) throw new Error('startServer: root is required');
  const absRoot = path.resolve(root);
  const prefix = normaliseBase(base);

  const server = http.createServer(async (req, res) => {
    const started = Date.now();
    let status = 500;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        status = 405;
        return send(res, status, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      }
      const pathname = new URL(req.url, 'http://x').pathname;
      // GitHub Pages redirects /repo to /repo/; relative asset URLs depend on the slash.
      if (prefix !== '/' && pathname === prefix.slice(0, -1)) {
        status = 301;
        return send(res, status, '', { Location: prefix });
      }
      if (!pathname.startsWith(prefix)) {
        status = 404;
        return send(res, status, 'Not Found');
      }
      let rel;
      try {
        rel = decodeURIComponent(pathname.slice(prefix.length));
      } catch {
        status = 400;
        return send(res, status, 'Bad Request');
      }
      if (rel.includes('\0')) {
        status = 400;
        return send(res, status, 'Bad Request');
      }
      const file = await resolveFile(absRoot, rel);
      if (!file) {
        status = 404;
        return send(res, status, 'Not Found');
      }
      const ext = path.extname(file).toLowerCase();
      let body = await fs.readFile(file);
      // As GitHub Pages: cached for ten minutes, then revalidated by ETag.
      const etag = `"${crypto.createHash('sha1').update(body).digest('hex')}"`;
      const headers = {
        'Content-Type': MIME[ext] ?? 'application/octet-stream',
        'Cache-Control': 'max-age=600',
        ETag: etag,
      };
      if (req.headers['if-none-match'] === etag) {
        status = 304;
        res.writeHead(status, headers);
        return res.end();
      }
      if (COMPRESSIBLE.has(ext)) {
        headers.Vary = 'Accept-Encoding';
        if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
          body = await gzipped(file, body, etag);
          headers['Content-Encoding'] = 'gzip';
        }
      }
      headers['Content-Length'] = body.length;
      status = 200;
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      status = 500;
      if (!res.headersSent) send(res, status, 'Internal Server Error');
      else res.destroy(err);
    } finally {
      if (log) console.log(`${status} ${req.method} ${req.url} ${Date.now() - started}ms`);
      onResponse?.(status, new URL(req.url, 'http://x').pathname);
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://${host}:${actual}${prefix}`,
        port: actual,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function parseArgs(argv) {
  const opts = { root: 'dist', port: 8080, base: '/', log: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--root') opts.root = argv[++i];
    else if (a === '--port') opts.port = Number(argv[++i]);
    else if (a === '--base') opts.base = argv[++i];
    else if (a === '--log') opts.log = true;
    else throw new Error(`unknown argument: ${a}\nusage: server.mjs [--root DIR] [--port N] [--base /path/] [--log]`);
  }
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  const { url } = await startServer(opts);
  console.log(`serving ${path.resolve(opts.root)} at ${url}`);
}
