// Trunk post-build step: writes the seed's reader, analysed, into the static shell of the
// staged index.html, so the page shows S/2020/911 with its themes before any wasm has
// loaded. The HTML comes from the core (`ui::seed_reader_html`); `tests/seed_cache.rs`
// keeps seeds/S-2020-911.reader.html equal to it.
// Usage (by scripts/post-build.mjs): node scripts/prerender.mjs   (reads TRUNK_STAGING_DIR)
//        by hand:                    node scripts/prerender.mjs path/to/index.html
import fs from 'node:fs';
import path from 'node:path';

const MARKER = '<!-- seed-reader -->';
const file = process.argv[2] ?? path.join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
const reader = fs.readFileSync(path.join(import.meta.dirname, '..', 'seeds', 'S-2020-911.reader.html'), 'utf8');
const html = fs.readFileSync(file, 'utf8');
if (html.split(MARKER).length !== 2) throw new Error(`${file}: expected one ${MARKER} in the shell`);
fs.writeFileSync(file, html.replace(MARKER, () => reader));
console.log(`prerender: ${file}: seed reader written (${reader.length} bytes)`);
