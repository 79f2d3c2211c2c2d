// Cold-load benchmark (not a test): N loads of dist/, each in a fresh browser
// context (empty cache and storage), timed with the app's own performance marks.
// Usage: node scripts/bench-load.mjs [--runs N]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST, startApp, openPage, waitForSeedAnalysed } from '../tests/e2e/helpers.mjs';

const MARKS = ['shell-painted', 'seed-analysed'];
// Independent of the app's marks: when #status turned ready, as seen by an observer.
const OBSERVED = 'status ready (observed)';

function observeReady() {
  new MutationObserver((_, obs) => {
    if (document.querySelector('#status[data-state="ready"]')) {
      window.__statusReadyAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
}

function parseRuns(argv) {
  const i = argv.indexOf('--runs');
  if (i < 0) return 5;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--runs needs a positive integer, got ${argv[i + 1]}`);
  return n;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const ms = (x) => x.toFixed(0);

async function measureLoads(runs) {
  const samples = Object.fromEntries([...MARKS, OBSERVED].map((m) => [m, []]));
  const app = await startApp();
  try {
    for (let i = 0; i < runs; i++) {
      const { context, page } = await openPage(app.browser, null);
      try {
        await page.addInitScript(observeReady);
        await page.goto(app.url);
        await waitForSeedAnalysed(page);
        // Marks are relative to navigation start (performance.timeOrigin).
        const times = await page.evaluate((names) => [
          ...names.map((n) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null),
          window.__statusReadyAt ?? null,
        ], MARKS);
        [...MARKS, OBSERVED].forEach((m, k) => {
          if (times[k] !== null) samples[m].push(times[k]);
        });
      } finally {
        await context.close();
      }
    }
  } finally {
    await app.close();
  }
  return samples;
}

function assetSizes() {
  const files = fs.readdirSync(DIST, { recursive: true })
    .filter((f) => /\.(?:wasm|js)$/.test(f) && fs.statSync(path.join(DIST, f)).isFile())
    .sort();
  return files.map((f) => {
    const buf = fs.readFileSync(path.join(DIST, f));
    return { file: f, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
  });
}

const runs = parseRuns(process.argv.slice(2));
const samples = await measureLoads(runs);
const sizes = assetSizes();
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;

const lines = [
  `# Cold load benchmark`,
  ``,
  `- date: ${new Date().toISOString()}`,
  `- command: \`${['node', ...process.argv.slice(1).map((a) => path.relative(process.cwd(), a) || a)].join(' ')}\``,
  `- runs: ${runs} (fresh browser context each, dist/ served gzipped from 127.0.0.1)`,
  ``,
  `| mark (ms since navigation start) | median | min | max |`,
  `| --- | ---: | ---: | ---: |`,
  ...[...MARKS, OBSERVED].map((m) => {
    const xs = samples[m];
    if (xs.length < runs) return `| ${m} | n/a (mark missing in ${runs - xs.length} of ${runs} runs) | | |`;
    return `| ${m} | ${ms(median(xs))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} |`;
  }),
  ``,
  `| file | raw | gzip -9 |`,
  `| --- | ---: | ---: |`,
  ...sizes.map((s) => `| ${s.file} | ${kib(s.raw)} | ${kib(s.gzip)} |`),
  `| **total** | **${kib(sizes.reduce((a, s) => a + s.raw, 0))}** | **${kib(sizes.reduce((a, s) => a + s.gzip, 0))}** |`,
];
console.log(lines.join('\n'));
