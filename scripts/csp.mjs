// Trunk post-build hook: writes a Content-Security-Policy meta tag into the staged
// index.html. Trunk puts the wasm loader in an inline module script whose text depends on
// the public URL, so its SHA-256 is computed here, after the build, for each build.
// Usage (by trunk): node scripts/csp.mjs   (reads TRUNK_STAGING_DIR)
//        by hand:   node scripts/csp.mjs path/to/index.html
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const file = process.argv[2] ?? path.join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
let html = fs.readFileSync(file, 'utf8');
if (html.includes('http-equiv="Content-Security-Policy"')) {
  html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
}
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
);
const policy = [
  "default-src 'none'",
  // Own scripts, the inline loader by hash, and compiling the app's WebAssembly.
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "worker-src 'self'",
  // The page fetches its own wasm and nothing else.
  "connect-src 'self'",
  // Theme colours are set per element.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
html = html.replace(/<meta charset="utf-8">/, (m) => `${m}\n  ${meta}`);
if (!html.includes(meta)) throw new Error(`${file}: no <meta charset="utf-8"> to put the policy after`);
fs.writeFileSync(file, html);
console.log(`csp: ${file}: ${hashes.length} inline script(s) hashed`);
