// Trunk post-build hook: stamps the service worker (dist/sw.js) with the build's file list
// and a version derived from their contents, so a new build replaces the cache and an
// unchanged one keeps it.
// Usage (by trunk): node scripts/sw.mjs   (reads TRUNK_STAGING_DIR)
//        by hand:   node scripts/sw.mjs path/to/dist
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const sw = path.join(dir, 'sw.js');
// The PDF reader's files: cached when first used (scripts/bench-browser.mjs counts a cold
// load without them).
const isOnUse = (f) => /^pdf(?:_loader|_bg)?\.(?:js|wasm)$/.test(f);
const files = fs
  .readdirSync(dir)
  .filter((f) => f !== 'sw.js' && fs.statSync(path.join(dir, f)).isFile())
  .sort();
const hash = crypto.createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(fs.readFileSync(path.join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
const core = ['./', ...files.filter((f) => !isOnUse(f)).map((f) => `./${f}`)];
const onUse = files.filter(isOnUse).map((f) => `./${f}`);
let text = fs.readFileSync(sw, 'utf8');
for (const [k, v] of [
  ['__VERSION__', version],
  ['__CORE__', JSON.stringify(core)],
  ['__ON_USE__', JSON.stringify(onUse)],
]) {
  if (!text.includes(k)) throw new Error(`${sw}: no ${k} to fill in (already stamped?)`);
  text = text.replace(k, v);
}
fs.writeFileSync(sw, text);
console.log(`sw: ${sw}: version ${version}, ${core.length} files cached at install, ${onUse.length} on use`);
