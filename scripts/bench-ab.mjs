// Interleaved A/B of two or more builds of dist/, for changes smaller than the spread between
// two runs of scripts/bench-browser.mjs on this machine. Each build is served by
// tests/e2e/server.mjs on its own port; every run launches a fresh browser per build, in turn,
// so a slow minute of the machine falls on all builds alike.
//
// Per run and build: a cold load (first contentful paint, the seed's reader painted by
// Element Timing, the app interactive by its `seed-analysed` mark), a repeat visit in the
// same profile once the service worker controls it (interactive), and an upload of the
// benchmark's 100 letters started at `seed-analysed` (the longest main-thread task, that task
// excluded if it is the one in which the browser sets the files on the input, and the time
// from the input's change event to all 101 documents ready and drawn); then the same upload
// on another repeat visit, started a few seconds after it is interactive (the time only).
//
// Usage: node scripts/bench-ab.mjs [--runs N] DIST_A DIST_B [...]
// A build of an older commit: git worktree add /tmp/old REV && cd /tmp/old &&
//   CARGO_TARGET_DIR=<this checkout>/target trunk build index.html --release --dist /tmp/old-dist
import { launchBrowser } from '../tests/e2e/helpers.mjs';
import { startServer } from '../tests/e2e/server.mjs';
import { buildCorpus, corpusFiles } from './bench-corpus.mjs';

const args = process.argv.slice(2);
let runs = 5;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else dirs.push(args[i]);
}
if (dirs.length < 2 || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node scripts/bench-ab.mjs [--runs N] DIST_A DIST_B [...]');
  process.exit(2);
}

function probe() {
  window.__ab = { longTasks: [], seedPaint: null, uploadAt: null };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.identifier === 'seed-reader' && window.__ab.seedPaint === null) window.__ab.seedPaint = e.renderTime || e.loadTime;
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__ab.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

const mark = (page, name) =>
  page.waitForFunction((n) => performance.getEntriesByName(n, 'mark').length > 0, name, { timeout: 30_000, polling: 50 });
const at = (page, name) => page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name);

// How long a person takes to choose files after the page opens, at the least.
const PICKING_MS = 3000;

async function upload(page, corpus) {
  const armedAt = await page.evaluate((expected) => {
    const ab = window.__ab;
    ab.uploadAt = null;
    addEventListener('change', (e) => { if (e.target?.id === 'file-input') ab.uploadAt ??= performance.now(); }, { capture: true });
    ab.done = new Promise((resolve) => {
      const check = () => {
        const items = document.querySelectorAll('.doc-list li[data-state]');
        if (items.length < expected) return;
        for (const li of items) if (li.dataset.state === 'pending') return;
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      };
      const obs = new MutationObserver(check);
      obs.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    });
    return performance.now();
  }, corpus.files.length + 1);
  await page.setInputFiles('#file-input', corpus.files, { timeout: 60_000 });
  const doneAt = await page.evaluate(() => window.__ab.done);
  const r = await page.evaluate((armedAt) => ({ lt: window.__ab.longTasks.filter((t) => t.start >= armedAt), up: window.__ab.uploadAt }), armedAt);
  const isInput = (t) => t.start <= r.up && r.up <= t.start + t.duration;
  return {
    longest: r.lt.reduce((m, t) => Math.max(m, t.duration), 0),
    longestOther: r.lt.filter((t) => !isInput(t)).reduce((m, t) => Math.max(m, t.duration), 0),
    uploadMs: doneAt - r.up,
  };
}

async function measure(url, corpus) {
  const out = {};
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(probe);
    let page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await mark(page, 'seed-analysed');
    out.fcp = await at(page, 'first-contentful-paint');
    out.seedPaint = await page.evaluate(() => window.__ab.seedPaint);
    out.interactive = await at(page, 'seed-analysed');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await page.waitForTimeout(1500);
    await page.close();

    page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await mark(page, 'seed-analysed');
    out.repeatInteractive = await at(page, 'seed-analysed');
    await page.close();

    // The same upload on a repeat visit, after the page has been idle for as long as a person
    // takes to pick files: what the page does with its idle time shows here.
    page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await mark(page, 'seed-analysed');
    await page.waitForTimeout(PICKING_MS);
    out.idleUploadMs = (await upload(page, corpus)).uploadMs;
    await page.close();

    // The upload, on a cold page of its own, from the moment the app is interactive.
    const cold = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await cold.addInitScript(probe);
    await cold.goto(url, { waitUntil: 'commit' });
    await mark(cold, 'seed-analysed');
    Object.assign(out, await upload(cold, corpus));
  } finally {
    await browser.close();
  }
  return out;
}

const corpus = { files: corpusFiles(buildCorpus()) };
const servers = [];
for (const root of dirs) servers.push(await startServer({ root }));
const samples = dirs.map(() => ({}));
for (let run = 0; run < runs; run++) {
  for (const [i, srv] of servers.entries()) {
    const m = await measure(srv.url, corpus);
    for (const [k, v] of Object.entries(m)) (samples[i][k] ??= []).push(v);
    console.error(`[bench-ab] run ${run + 1}/${runs} ${dirs[i]}: ${Object.entries(m).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
  }
}
for (const s of servers) await s.close?.();

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cell = (a) => `${Math.round(median(a))} ms (${Math.round(Math.min(...a))}–${Math.round(Math.max(...a))})`;
const rows = [
  ['cold load: first contentful paint', 'fcp'],
  ['cold load: seed reader painted (Element Timing)', 'seedPaint'],
  ['cold load: interactive (`seed-analysed`)', 'interactive'],
  ['repeat visit: interactive', 'repeatInteractive'],
  ['100 letters: longest main-thread task (0: none ≥ 50 ms)', 'longest'],
  ['100 letters: longest task but the input\'s own', 'longestOther'],
  ['100 letters: change event → all ready and drawn', 'uploadMs'],
  [`100 letters on a repeat visit, picked ${PICKING_MS / 1000} s after it is interactive: change event → all ready and drawn`, 'idleUploadMs'],
];
console.log(`Interleaved A/B, ${runs} runs per build, each in a fresh browser (\`node scripts/bench-ab.mjs --runs ${runs} ${dirs.join(' ')}\`), ${new Date().toISOString()}\n`);
console.log(`| measure | ${dirs.map((d) => `\`${d}\``).join(' | ')} |`);
console.log(`| --- | ${dirs.map(() => '---:').join(' | ')} |`);
for (const [label, k] of rows) console.log(`| ${label} | ${samples.map((s) => cell(s[k])).join(' | ')} |`);
process.exit(0);
