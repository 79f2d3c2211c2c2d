// Browser benchmark for issue #6 (not a test; CI does not run it). Supersedes bench-load.mjs.
// Drives headless Chromium against dist/ (or E2E_DIST) served gzipped from 127.0.0.1 and
// measures, against the issue's budgets: cold load (FCP, the app's marks), bytes on the wire,
// main-thread long tasks while 100 letters (≈ 5 MB) are analysed, the worker's throughput
// against npm jieba-wasm 2.4.0, renderer memory, a repeat visit, offline start-up, and that
// nothing is fetched from another origin.
// Usage: node scripts/bench-browser.mjs [--runs N] [--write] [--no-build]
//   --runs N     samples per measurement (default 5); medians are quoted with min–max
//   --write      also replace the section between the bench-browser markers in BENCHMARKS.md
//   --no-build   bench dist/ as it is; by default it is built first (trunk build --release),
//                unless E2E_DIST names another build
//   --only S,..  run only these steps (loads, upload, throughput), to look at one part;
//                printed, never written
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST, REPO_ROOT, CHROMIUM, assertDistBuilt, launchBrowser } from '../tests/e2e/helpers.mjs';
import { startServer } from '../tests/e2e/server.mjs';
import { buildCorpus, corpusFiles } from './bench-corpus.mjs';

const BUDGET = {
  shellMs: 150,
  seedMs: 400,
  totalBytes: 2_200_000,
  pageWasmBytes: 400_000,
  longTaskMs: 50,
  uploadMs: 2000,
  workerMBps: 30,
  vsJieba: 4,
  pssBytes: 300e6,
  repeatMs: 300,
};
const VIEWPORT = { width: 1280, height: 900 };
const MARK_TIMEOUT = 60_000;
const UPLOAD_TIMEOUT = 180_000;
const WORKER_TIMEOUT = 180_000;
// Analysis workers the page runs on a machine of two or more cores (src/ui/engine.rs).
const POOL = 2;
// Primed runs: how long a warmed worker is left idle before the letters (the page leaves its
// second worker idle from its warm-up until a person has picked files, seconds later).
const PRIME_IDLE_MS = 1000;
const SEED_PATH = path.join(REPO_ROOT, 'seeds', 'S-2020-911.zh.txt');
// After the seed is analysed, requests still made in this window (late chunks, service-worker
// precaching) count towards the cold load's bytes.
const IDLE_AFTER_SEED_MS = 2000;
const JIEBA_WEB = path.join(REPO_ROOT, 'node_modules', 'jieba-wasm', 'pkg', 'web');

// ---------------------------------------------------------------- arguments and statistics

function parseArgs(argv) {
  const opts = { runs: 5, write: false, build: !process.env.E2E_DIST };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--runs needs a positive integer, got ${argv[i]}`);
      opts.runs = n;
    } else if (argv[i] === '--write') opts.write = true;
    else if (argv[i] === '--no-build') opts.build = false;
    else if (argv[i] === '--only') opts.only = argv[++i]?.split(',');
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node scripts/bench-browser.mjs [--runs N] [--write] [--no-build] [--only loads,upload,throughput]   (E2E_DIST=dir to bench another build)');
      process.exit(0);
    } else throw new Error(`unknown argument: ${argv[i]}`);
  }
  if (opts.only && opts.write) throw new Error('--only gives a partial table: it cannot be written');
  return opts;
}

function stats(xs) {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return { median: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, min: s[0], max: s[s.length - 1], n: s.length };
}

const log = (...a) => console.error('[bench-browser]', ...a);
const errText = (e) => String(e?.message ?? e).split('\n')[0].slice(0, 200);
const withTimeout = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, rej) => setTimeout(() => rej(new Error(`${what}: timed out after ${ms} ms`)), ms).unref())]);

// Samples and failure reasons per metric; a metric with no sample is reported as n/a + reasons.
class Samples {
  constructor() {
    this.values = new Map();
    this.reasons = new Map();
  }
  add(key, v) {
    if (v === null || v === undefined || Number.isNaN(v)) return;
    if (!this.values.has(key)) this.values.set(key, []);
    this.values.get(key).push(v);
  }
  fail(key, reason) {
    if (!this.reasons.has(key)) this.reasons.set(key, new Set());
    this.reasons.get(key).add(reason);
  }
  get(key) {
    return this.values.get(key) ?? [];
  }
  stats(key) {
    return stats(this.get(key));
  }
  why(key) {
    const r = this.reasons.get(key);
    return r ? [...r].join('; ') : 'not measured';
  }
}

// ---------------------------------------------------------------- page instrumentation

// Runs in every document before the app: when #status turns ready (independent of the app's
// marks), long tasks from the start (filtered by start time later), and the page's wasm
// exports, which trunk hands out with its start event (for the wasm memory size).
function pageProbe() {
  window.__bench = { longTasks: [], statusReadyAt: null, appWasm: null, seedPaint: null };
  // The prerendered seed's first paragraph carries elementtiming="seed-reader": when the
  // analysed seed was first on screen, before the app took over.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.identifier === 'seed-reader' && window.__bench.seedPaint === null) window.__bench.seedPaint = e.renderTime || e.loadTime;
      }
    }).observe({ type: 'element', buffered: true });
  } catch {}
  new MutationObserver((_, obs) => {
    if (document.querySelector('#status[data-state="ready"]')) {
      window.__bench.statusReadyAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    window.__bench.longTasks = null;
  }
  // Long animation frames name the scripts that ran in them: which part of the task that
  // hands the files to the input is the page's own change handler.
  window.__bench.frames = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__bench.frames.push({
          start: e.startTime,
          end: e.startTime + e.duration,
          scripts: e.scripts.map((x) => ({ invoker: x.invoker, start: x.startTime, duration: x.duration })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__bench.appWasm = e.detail?.wasm ?? null;
  });
}

async function waitForMark(page, name, timeout = MARK_TIMEOUT) {
  await page.waitForFunction((n) => performance.getEntriesByName(n, 'mark').length > 0, name, { polling: 50, timeout });
}

function readTimings(page) {
  return page.evaluate(() => {
    const mark = (n) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null;
    return {
      fcp: performance.getEntriesByName('first-contentful-paint', 'paint')[0]?.startTime ?? null,
      shell: mark('shell-painted'),
      seed: mark('seed-analysed'),
      seedPaint: window.__bench?.seedPaint ?? null,
      statusReady: window.__bench?.statusReadyAt ?? null,
      swControlled: Boolean(navigator.serviceWorker?.controller),
    };
  });
}

// ---------------------------------------------------------------- network accounting

// Records every request of a context (context-level events include dedicated and service
// workers) and the encoded body size of every finished response, by phase. A response is
// attributed to the phase open when it finished; responses a page got from its service worker
// are not network transfers and are left out (the worker's own fetch is counted instead).
function trackNetwork(context, origin, offenders) {
  const net = { phase: null, entries: [], pending: [], failed: [] };
  context.on('request', (req) => {
    const u = req.url();
    if (/^(https?|wss?):/.test(u) && new URL(u).origin !== origin) offenders.add(u);
  });
  context.on('requestfailed', (req) => {
    if (net.phase) net.failed.push(`${req.url()} ${req.failure()?.errorText ?? ''}`);
  });
  context.on('requestfinished', (req) => {
    const phase = net.phase;
    if (!phase) return;
    net.pending.push(
      (async () => {
        const res = await req.response();
        const fromSW = res ? res.fromServiceWorker() : false;
        const sizes = await req.sizes();
        net.entries.push({ phase, url: req.url(), bytes: sizes.responseBodySize, fromSW, status: res?.status() ?? 0 });
      })().catch((e) => net.failed.push(`${req.url()} sizes: ${errText(e)}`)),
    );
  });
  net.settle = async () => {
    const pending = net.pending;
    net.pending = [];
    await withTimeout(Promise.allSettled(pending), 10_000, 'response sizes').catch((e) => net.failed.push(errText(e)));
  };
  net.sum = (phase) =>
    net.entries.filter((e) => e.phase === phase && !e.fromSW && e.bytes > 0).reduce((n, e) => n + e.bytes, 0);
  // Chromium reports no body size for some responses (a worker's own script): 0 or -1.
  net.perFile = (phase) => {
    const out = new Map();
    for (const e of net.entries) {
      if (e.phase !== phase || e.fromSW) continue;
      // The server answers a directory with its index.html.
      const file = new URL(e.url).pathname.replace(/^\//, '').replace(/(^|\/)$/, '$1index.html');
      const f = out.get(file) ?? { bytes: 0, requests: 0, unreported: 0 };
      if (e.bytes > 0) f.bytes += e.bytes;
      else f.unreported += 1;
      f.requests += 1;
      out.set(file, f);
    }
    return out;
  };
  return net;
}

// ---------------------------------------------------------------- 1, 2, 7, 8: loads

// The floor under the paint targets: what this browser on this machine needs to paint a page
// with one heading, served the same way, in a fresh context as the cold loads are.
async function floorRun(browser, floorUrl, S) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(floorUrl, { waitUntil: 'commit', timeout: 30_000 });
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint', 'paint').length > 0, null, { polling: 20, timeout: 30_000 });
    S.add('floor.fcp', await page.evaluate(() => performance.getEntriesByName('first-contentful-paint', 'paint')[0].startTime));
  } catch (e) {
    S.fail('floor.fcp', errText(e));
  } finally {
    await context.close();
  }
}

async function loadRuns({ runs, url, origin, hasSW, S, offenders, perFileRuns, notes }) {
  const browser = await launchBrowser();
  const floorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-floor-'));
  fs.writeFileSync(path.join(floorDir, 'index.html'), '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>floor</title><h1>UNSC Lens · 安理会文件透镜</h1>');
  const floor = await startServer({ root: floorDir });
  try {
    S.chromium = browser.version();
    for (let i = 0; i < runs; i++) {
      log(`cold + repeat load ${i + 1}/${runs}`);
      await floorRun(browser, floor.url, S);
      const context = await browser.newContext({ viewport: VIEWPORT });
      const net = trackNetwork(context, origin, offenders);
      try {
        const page = await context.newPage();
        await page.addInitScript(pageProbe);

        // Cold: a fresh context has an empty HTTP cache, no storage and no service worker.
        net.phase = 'cold';
        try {
          await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
          await waitForMark(page, 'seed-analysed');
          const t = await readTimings(page);
          S.add('cold.fcp', t.fcp);
          S.add('cold.shell', t.shell);
          S.add('cold.seed', t.seed);
          if (t.seedPaint === null) S.fail('cold.seedPaint', 'no element timing entry for the prerendered seed');
          else S.add('cold.seedPaint', t.seedPaint);
          S.add('cold.ready', t.statusReady);
          if (t.fcp === null) S.fail('cold.fcp', 'no first-contentful-paint entry');
          if (t.shell === null) S.fail('cold.shell', 'no shell-painted mark');
          if (t.statusReady === null) S.fail('cold.ready', '#status never turned ready');
          await page.waitForTimeout(IDLE_AFTER_SEED_MS);
          net.phase = null;
          await net.settle();
          const perFile = net.perFile('cold');
          perFileRuns.push(perFile);
          S.add('cold.bytes', net.sum('cold'));
          const pageWasm = [...perFile].filter(([f]) => /(^|\/)app_bg\.wasm$/.test(f)).reduce((n, [, v]) => n + v.bytes, 0);
          if (pageWasm > 0) S.add('cold.pageWasm', pageWasm);
          else S.fail('cold.pageWasm', 'no app_bg.wasm response seen');
        } catch (e) {
          net.phase = null;
          for (const k of ['cold.fcp', 'cold.shell', 'cold.seed', 'cold.ready', 'cold.bytes', 'cold.pageWasm']) S.fail(k, `cold load failed: ${errText(e)}`);
          continue;
        }

        // Repeat: same context, so whatever the HTTP cache or the service worker kept is used.
        net.phase = 'repeat';
        try {
          await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
          await waitForMark(page, 'seed-analysed');
          const t = await readTimings(page);
          S.add('repeat.seed', t.seed);
          if (t.seedPaint === null) S.fail('repeat.seedPaint', 'no element timing entry for the prerendered seed');
          else S.add('repeat.seedPaint', t.seedPaint);
          S.add('repeat.fcp', t.fcp);
          S.add('repeat.shell', t.shell);
          S.add('repeat.swControlled', t.swControlled ? 1 : 0);
          await page.waitForTimeout(300);
          net.phase = null;
          await net.settle();
          S.add('repeat.bytes', net.sum('repeat'));
        } catch (e) {
          net.phase = null;
          for (const k of ['repeat.seed', 'repeat.fcp']) S.fail(k, `repeat visit failed: ${errText(e)}`);
        }

        // Offline once, on the last run: it either works every time or not at all.
        if (i === runs - 1) {
          if (!hasSW) S.offline = { ok: null, detail: 'n/a (no service worker: no sw.js in dist)' };
          else S.offline = await offlineCheck(context, page, url);
        }
        if (net.failed.length) notes.push(`failed requests during load run ${i + 1}: ${net.failed.join(', ')}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await floor.close();
    fs.rmSync(floorDir, { recursive: true, force: true });
  }
}

async function offlineCheck(context, page, url) {
  log('offline reload');
  try {
    await context.setOffline(true);
    await page.goto(url, { waitUntil: 'commit', timeout: 20_000 });
    await page.locator('#status[data-state="ready"]').waitFor({ state: 'attached', timeout: 20_000 });
    // The seed's statements: its annexes as rendered in the document view.
    const statements = await page.locator('#doc .part[data-kind="annex"]').count();
    return statements > 0
      ? { ok: true, detail: `yes (#status ready, ${statements} statements of the seed shown)` }
      : { ok: false, detail: 'no (#status ready but no statement of the seed shown)' };
  } catch (e) {
    return { ok: false, detail: `no (${errText(e)})` };
  } finally {
    await context.setOffline(false).catch(() => {});
  }
}

// ---------------------------------------------------------------- 3, 6: upload of 5 MB, memory

function procTable() {
  const table = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      // Zygote children retitle themselves: their argv is one space-separated string.
      const cmdline = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ');
      table.set(Number(d), { ppid, cmdline, type: /(?:^| )--type=([\w-]+)/.exec(cmdline)?.[1] ?? null });
    } catch {
      // the process exited while we looked
    }
  }
  return table;
}

function pssBytes(pid) {
  const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  return m ? Number(m[1]) * 1024 : null;
}

// Dedicated workers run on threads of their page's renderer, named "DedicatedWorker thread".
function hasWorkerThread(pid) {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).some((t) => {
      try {
        return fs.readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').startsWith('DedicatedWorker');
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

function browserProcesses(tag) {
  const table = procTable();
  const root = [...table].find(([, p]) => p.type === null && p.cmdline.split(' ').includes(tag))?.[0];
  if (!root) throw new Error('browser process not found in /proc');
  const tree = [];
  const walk = (pid) => {
    for (const [child, p] of table) if (p.ppid === pid) tree.push(child), walk(child);
  };
  walk(root);
  return [root, ...tree].map((pid) => ({ pid, type: table.get(pid).type ?? 'browser' }));
}

// The app's worker loader with its init promise kept on the worker's global, so the worker's
// wasm memory can be read afterwards. Served only if the loader has the one call expected;
// otherwise the original goes through and the worker's memory is reported as n/a.
async function instrumentLoader(route) {
  try {
    const res = await route.fetch();
    const body = await res.text();
    const calls = body.match(/\bwasm_bindgen\(/g) ?? [];
    if (res.status() !== 200 || calls.length !== 1) return route.fulfill({ response: res });
    return route.fulfill({ response: res, body: body.replace(/\bwasm_bindgen\(/, 'self.__benchWasm = wasm_bindgen(') });
  } catch {
    return route.continue().catch(() => {});
  }
}

async function uploadRuns({ runs, url, origin, corpus, S, offenders, notes }) {
  const files = corpusFiles(corpus);
  const expected = files.length + 1; // the seed stays in the list
  for (let i = 0; i < runs; i++) {
    log(`upload of ${files.length} letters + memory ${i + 1}/${runs}`);
    // A browser per run: the renderers found in /proc are then this page's alone.
    const tag = `--bench-browser-tag=${process.pid}-${i}-${Date.now()}`;
    let browser;
    try {
      // The tag finds this browser's process tree in /proc.
      browser = await launchBrowser([tag]);
      const context = await browser.newContext({ viewport: VIEWPORT });
      trackNetwork(context, origin, offenders);
      // Routing is on for the loader only; the load is not what this run times.
      await context.route((u) => u.pathname.endsWith('/worker_loader.js'), instrumentLoader);
      const page = await context.newPage();
      await page.addInitScript(pageProbe);
      await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
      await waitForMark(page, 'seed-analysed');

      // Armed before the files are handed over; the clock starts at the input's first event,
      // caught on window in the capture phase, before any of the app's handlers run.
      await page.evaluate((expected) => {
        const b = window.__bench;
        b.armedAt = performance.now();
        b.uploadAt = null;
        const onFiles = (e) => {
          if (e.target?.id === 'file-input' && b.uploadAt === null) b.uploadAt = performance.now();
        };
        addEventListener('input', onFiles, { capture: true });
        addEventListener('change', onFiles, { capture: true });
        b.uploadDone = new Promise((resolve) => {
          const check = () => {
            const items = document.querySelectorAll('.doc-list li[data-state]');
            if (items.length < expected) return;
            const count = { ready: 0, error: 0, other: 0 };
            for (const li of items) {
              const s = li.dataset.state;
              if (s === 'pending') return;
              count[s === 'ready' || s === 'error' ? s : 'other'] += 1;
            }
            obs.disconnect();
            const settledAt = performance.now();
            // One frame later the list as settled has been rendered.
            requestAnimationFrame(() => setTimeout(() => resolve({ settledAt, renderedAt: performance.now(), total: items.length, ...count }), 0));
          };
          const obs = new MutationObserver(check);
          obs.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
        });
      }, expected);
      const t0 = Date.now();
      await page.setInputFiles('#file-input', files, { timeout: 60_000 });
      const setFilesMs = Date.now() - t0;
      const done = await withTimeout(page.evaluate(() => window.__bench.uploadDone), UPLOAD_TIMEOUT, 'waiting for 101 finished documents');
      const nodeWallMs = Date.now() - t0;
      const r = await page.evaluate(() => {
        const b = window.__bench;
        const lt = b.longTasks === null ? null : b.longTasks.filter((t) => t.start >= b.armedAt);
        // The page's own handler of the input's change event, from the frame it ran in.
        const handler = b.frames
          .flatMap((f) => f.scripts)
          .filter((x) => x.invoker.endsWith('.onchange') && x.start >= b.armedAt)
          .reduce((m, x) => Math.max(m, x.duration), 0);
        return { armedAt: b.armedAt, uploadAt: b.uploadAt, longTasks: lt, handler };
      });
      if (r.uploadAt === null) throw new Error('the file input never fired input/change');
      S.add('upload.ms', done.renderedAt - r.uploadAt);
      S.add('upload.nodeMs', nodeWallMs);
      S.add('upload.setFilesMs', setFilesMs);
      if (done.error || done.other) notes.push(`upload run ${i + 1}: ${done.ready} ready, ${done.error} failed, ${done.other} other of ${done.total}`);
      if (r.longTasks === null) {
        S.fail('upload.longest', 'longtask entries not supported');
        S.fail('upload.longCount', 'longtask entries not supported');
      } else {
        S.add('upload.longest', r.longTasks.reduce((m, t) => Math.max(m, t.duration), 0));
        // The task in which the browser sets the files on the input and fires its events:
        // mostly the browser's own work on a hundred files (see the change handler's time).
        const isInputTask = (t) => t.start <= r.uploadAt && r.uploadAt <= t.start + t.duration;
        const inputTask = r.longTasks.find(isInputTask);
        S.add('upload.inputTask', inputTask?.duration ?? 0);
        S.add('upload.handler', r.handler);
        S.add('upload.longestOther', r.longTasks.filter((t) => !isInputTask(t)).reduce((m, t) => Math.max(m, t.duration), 0));
        S.add('upload.longCount', r.longTasks.length);
        S.add('upload.longSum', r.longTasks.reduce((n, t) => n + t.duration, 0));
      }

      // 6: memory with the 5 MB workspace loaded, right after it settled.
      try {
        const procs = browserProcesses(tag);
        const renderers = procs.filter((p) => p.type === 'renderer');
        const withWorker = renderers.filter((p) => hasWorkerThread(p.pid));
        const pagePids = withWorker.length ? withWorker : renderers;
        if (!withWorker.length) S.fail('mem.pssNote', 'no renderer with a DedicatedWorker thread found: all renderers summed');
        const pss = new Map(procs.map((p) => [p.pid, pssBytes(p.pid) ?? 0]));
        S.add('mem.pss', pagePids.reduce((n, p) => n + pss.get(p.pid), 0));
        S.add('mem.pssAll', procs.reduce((n, p) => n + pss.get(p.pid), 0));
        S.add('mem.renderers', renderers.length);
        S.memBreakdown = procs
          .map((p) => `${p.type}${pagePids.includes(p) ? ' (the page)' : ''} ${fmtMB(pss.get(p.pid))}`)
          .join(', ');
      } catch (e) {
        S.fail('mem.pss', `PSS: ${errText(e)}`);
      }
      try {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        const { metrics } = await cdp.send('Performance.getMetrics');
        const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
        if (heap !== undefined) S.add('mem.jsHeap', heap);
        await cdp.detach();
      } catch (e) {
        S.fail('mem.jsHeap', errText(e));
      }
      const pageWasm = await page.evaluate(() => window.__bench.appWasm?.memory?.buffer?.byteLength ?? null);
      if (pageWasm === null) S.fail('mem.pageWasm', 'no wasm exports from TrunkApplicationStarted');
      S.add('mem.pageWasm', pageWasm);
      let workerWasm = 0;
      for (const w of page.workers()) {
        const n = await w.evaluate(async () => (await self.__benchWasm)?.memory?.buffer?.byteLength ?? null).catch(() => null);
        if (n !== null) workerWasm += n;
      }
      if (workerWasm) S.add('mem.workerWasm', workerWasm);
      else S.fail('mem.workerWasm', 'the worker loader could not be instrumented');
    } catch (e) {
      for (const k of ['upload.ms', 'upload.longest', 'upload.longCount', 'mem.pss']) S.fail(k, `run ${i + 1}: ${errText(e)}`);
    } finally {
      await browser?.close().catch(() => {});
    }
  }
}

// ---------------------------------------------------------------- 4, 5: worker vs jieba-wasm

const JIEBA_WORKER = `
import init, { cut } from './jieba_rs_wasm.js';
const t0 = performance.now();
await init({ module_or_path: './jieba_rs_wasm_bg.wasm' });
const instantiateMs = performance.now() - t0;
// jieba-rs builds its dictionary on first use: part of the start-up, not of the timed cuts.
const t1 = performance.now();
cut('安全理事会', true);
const firstCutMs = performance.now() - t1;
self.onmessage = (e) => {
  const { id, text } = e.data;
  const t = performance.now();
  const words = cut(text, true);
  self.postMessage({ id, ms: performance.now() - t, words: words.length });
};
self.postMessage({ ready: { instantiateMs, firstCutMs } });
`;

// In the page: a fresh worker of the app, its Ready awaited, then all letters posted at once.
// With `primeMs`, each worker is first sent `Warm` (the page sends it to a worker it starts
// ahead of the letters: one analysis of the seed, no reply), then left idle that long, and
// one batch is timed.
async function oursInPage({ timeoutMs, workers = 1, primeMs = 0 }) {
  const letters = window.__letters;
  // The worker answers in postcard bytes (FromWorker::encode in src/protocol.rs). Only the
  // head is read here: the variant as a varint (0 = Ready, 1 = Done), then Ready's init_ms,
  // or Done's id (a varint), ms (a little-endian f64) and its result's variant (0 = Ok); a
  // test in src/protocol.rs pins that layout. The page's own decoding of the analysis is not
  // in these times (it is in the upload's).
  const decode = (b) => {
    if (!(b instanceof Uint8Array)) return { [`not bytes: ${typeof b}`]: true };
    let i = 0;
    const varint = () => {
      let v = 0;
      for (let shift = 0; ; shift += 7) {
        const x = b[i++];
        v += (x & 0x7f) * 2 ** shift;
        if (!(x & 0x80)) return v;
      }
    };
    const f64 = () => {
      const v = new DataView(b.buffer, b.byteOffset + i, 8).getFloat64(0, true);
      i += 8;
      return v;
    };
    const kind = varint();
    if (kind === 0) return { Ready: { init_ms: f64() } };
    if (kind !== 1) return { [`variant ${kind}`]: true };
    const id = varint();
    const ms = f64();
    return { Done: { id, ms, result: b[i] === 0 ? { Ok: true } : { Err: 'error' } } };
  };
  const t0 = performance.now();
  // As the page does: letters go to the least busy worker, which with every letter posted
  // at once is each in turn.
  const pool = Array.from({ length: workers }, () => new Worker('./worker_loader.js'));
  try {
    const firsts = await Promise.all(
      pool.map(
        (w) =>
          new Promise((resolve, reject) => {
            const to = setTimeout(() => reject(new Error(`no message from the worker in ${timeoutMs} ms`)), timeoutMs);
            w.onmessage = (e) => (clearTimeout(to), resolve(decode(e.data)));
            w.onerror = (e) => (clearTimeout(to), reject(new Error(`worker error: ${e.message}`)));
          }),
      ),
    );
    const readyAt = performance.now();
    const first = firsts[0];
    for (const f of firsts) if (!f?.Ready) throw new Error(`first message is not Ready: ${JSON.stringify(f)?.slice(0, 120)}`);
    const errors = [];
    const other = [];
    // Letter k of a batch has the id base + k + 1.
    const batch = async (base) => {
      let left = letters.length;
      let sumMs = 0;
      const done = new Promise((resolve, reject) => {
        const to = setTimeout(() => reject(new Error(`${left} of ${letters.length} letters unanswered after ${timeoutMs} ms`)), timeoutMs);
        const onmessage = (e) => {
          const data = decode(e.data);
          const d = data?.Done;
          if (!d) return void other.push(Object.keys(data ?? {})[0]);
          sumMs += d.ms;
          if (!d.result?.Ok) errors.push(`${letters[d.id - base - 1]?.name}: ${JSON.stringify(d.result?.Err ?? d.result)?.slice(0, 80)}`);
          if (--left === 0) clearTimeout(to), resolve(performance.now());
        };
        for (const w of pool) w.onmessage = onmessage;
      });
      const start = performance.now();
      letters.forEach((l, i) => pool[i % workers].postMessage({ Ingest: { id: base + i + 1, name: l.name, bytes: l.bytes } }));
      return { wallMs: (await done) - start, sumMs };
    };
    if (primeMs) {
      for (const w of pool) w.postMessage('Warm');
      await new Promise((r) => setTimeout(r, primeMs));
      return { toReadyMs: readyAt - t0, initMs: first.Ready.init_ms, ...(await batch(0)), errors, other };
    }
    // The first batch runs the worker's code as compiled at start-up, while V8 optimises its
    // hot functions in the background; the second, in the same workers, runs them optimised.
    const cold = await batch(0);
    const warm = await batch(letters.length);
    return { toReadyMs: readyAt - t0, initMs: first.Ready.init_ms, ...cold, warm, errors, other };
  } finally {
    for (const w of pool) w.terminate();
  }
}

// With `primeMs`, the seed's text is cut once first, then the worker is left idle that long,
// and one batch is timed: the same start as ours primed.
async function jiebaInPage({ timeoutMs, primeMs = 0 }) {
  const texts = window.__texts;
  const t0 = performance.now();
  const w = new Worker('./jieba-worker.mjs', { type: 'module' });
  try {
    const first = await new Promise((resolve, reject) => {
      const to = setTimeout(() => reject(new Error(`jieba-wasm worker silent for ${timeoutMs} ms`)), timeoutMs);
      w.onmessage = (e) => (clearTimeout(to), resolve(e.data));
      w.onerror = (e) => (clearTimeout(to), reject(new Error(`jieba-wasm worker error: ${e.message}`)));
    });
    const readyAt = performance.now();
    const batch = async (list = texts) => {
      let left = list.length;
      let sumMs = 0;
      let words = 0;
      const done = new Promise((resolve, reject) => {
        const to = setTimeout(() => reject(new Error(`${left} texts uncut after ${timeoutMs} ms`)), timeoutMs);
        w.onmessage = (e) => {
          sumMs += e.data.ms;
          words += e.data.words;
          if (--left === 0) clearTimeout(to), resolve(performance.now());
        };
      });
      const start = performance.now();
      list.forEach((text, id) => w.postMessage({ id, text }));
      return { wallMs: (await done) - start, sumMs, words };
    };
    if (primeMs) {
      await batch([window.__seed]);
      await new Promise((r) => setTimeout(r, primeMs));
      return { toReadyMs: readyAt - t0, ...first.ready, ...(await batch()) };
    }
    // As for ours: a first batch, then the same again in the same worker.
    const cold = await batch();
    const warm = await batch();
    return { toReadyMs: readyAt - t0, ...first.ready, ...cold, warm };
  } finally {
    w.terminate();
  }
}

async function throughputRuns({ runs, url, origin, corpus, S, offenders, notes }) {
  const jiebaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-jieba-'));
  let jiebaServer;
  let browser;
  const haveJieba = fs.existsSync(path.join(JIEBA_WEB, 'jieba_rs_wasm.js'));
  try {
    if (haveJieba) {
      for (const f of ['jieba_rs_wasm.js', 'jieba_rs_wasm_bg.wasm']) fs.copyFileSync(path.join(JIEBA_WEB, f), path.join(jiebaDir, f));
      fs.writeFileSync(path.join(jiebaDir, 'jieba-worker.mjs'), JIEBA_WORKER);
      fs.writeFileSync(path.join(jiebaDir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>jieba-wasm bench</title>');
      jiebaServer = await startServer({ root: jiebaDir });
    }
    browser = await launchBrowser();

    // Ours: a blank page of the app's origin (the app itself would run its own worker).
    const ctxOurs = await browser.newContext();
    trackNetwork(ctxOurs, origin, offenders);
    const blank = new URL('__bench_blank.html', url).href;
    await ctxOurs.route(blank, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><title>bench</title>' }));
    const ours = await ctxOurs.newPage();
    await ours.goto(blank);
    await ours.evaluate((letters) => {
      const enc = new TextEncoder();
      window.__letters = letters.map((l) => ({ name: l.name, bytes: enc.encode(l.text) }));
    }, corpus.letters);

    let jieba = null;
    if (haveJieba) {
      const ctxJieba = await browser.newContext();
      jieba = await ctxJieba.newPage();
      await jieba.goto(jiebaServer.url);
      await jieba.evaluate(([texts, seed]) => void ((window.__texts = texts), (window.__seed = seed)), [corpus.letters.map((l) => l.text), fs.readFileSync(SEED_PATH, 'utf8')]);
    }

    const hasLoader = fs.existsSync(path.join(DIST, 'worker_loader.js'));
    // One engine's run in its page: its result, or null with the failure recorded under `key`.
    const attempt = async (page, fn, args, key) => {
      if (!page) return null;
      try {
        return await page.evaluate(fn, { timeoutMs: WORKER_TIMEOUT, ...args });
      } catch (e) {
        S.fail(key, errText(e));
        return null;
      }
    };
    // Interleaved so that both see the same background load on this shared machine.
    for (let i = 0; i < runs; i++) {
      log(`worker throughput ${i + 1}/${runs}`);
      if (!hasLoader) S.fail('ours.wallMBps', 'no worker_loader.js in dist');
      const oursPage = hasLoader ? ours : null;
      const o = await attempt(oursPage, oursInPage, {}, 'ours.wallMBps');
      if (o) {
        S.add('ours.wallMBps', corpus.bytes / 1e6 / (o.wallMs / 1000));
        S.add('ours.computeMBps', corpus.bytes / 1e6 / (o.sumMs / 1000));
        S.add('ours.wallMs', o.wallMs);
        S.add('ours.sumMs', o.sumMs);
        S.add('ours.initMs', o.initMs);
        S.add('ours.toReadyMs', o.toReadyMs);
        S.add('ours.warm.wallMBps', corpus.bytes / 1e6 / (o.warm.wallMs / 1000));
        S.add('ours.warm.sumMs', o.warm.sumMs);
        S.add('ours.warm.computeMBps', corpus.bytes / 1e6 / (o.warm.sumMs / 1000));
        S.add('ours.warm.wallMs', o.warm.wallMs);
        if (o.errors.length) notes.push(`worker run ${i + 1}: ${o.errors.length} letters failed, e.g. ${o.errors[0]}`);
        if (o.other.length) notes.push(`worker run ${i + 1}: unexpected messages ${[...new Set(o.other)].join(', ')}`);
      }
      const o2 = await attempt(oursPage, oursInPage, { workers: POOL }, 'pool.wallMBps');
      if (o2) {
        S.add('pool.wallMBps', corpus.bytes / 1e6 / (o2.wallMs / 1000));
        S.add('pool.wallMs', o2.wallMs);
        S.add('pool.warm.wallMBps', corpus.bytes / 1e6 / (o2.warm.wallMs / 1000));
        S.add('pool.warm.wallMs', o2.warm.wallMs);
        if (o2.errors.length) notes.push(`pool run ${i + 1}: ${o2.errors.length} letters failed, e.g. ${o2.errors[0]}`);
      }
      const j = await attempt(jieba, jiebaInPage, {}, 'jieba.computeMBps');
      if (j) {
        S.add('jieba.computeMBps', corpus.bytes / 1e6 / (j.sumMs / 1000));
        S.add('jieba.wallMBps', corpus.bytes / 1e6 / (j.wallMs / 1000));
        S.add('jieba.sumMs', j.sumMs);
        S.add('jieba.wallMs', j.wallMs);
        S.add('jieba.instantiateMs', j.instantiateMs);
        S.add('jieba.firstCutMs', j.firstCutMs);
        S.add('jieba.toReadyMs', j.toReadyMs);
        S.add('jieba.warm.sumMs', j.warm.sumMs);
        S.add('jieba.warm.computeMBps', corpus.bytes / 1e6 / (j.warm.sumMs / 1000));
        S.add('jieba.warm.wallMs', j.warm.wallMs);
      }
      // Primed: every worker warmed once and left idle, as the page now starts its second.
      const p1 = await attempt(oursPage, oursInPage, { primeMs: PRIME_IDLE_MS }, 'primed.ours.wallMBps');
      const p2 = await attempt(oursPage, oursInPage, { workers: POOL, primeMs: PRIME_IDLE_MS }, 'primed.pool.wallMBps');
      const pj = await attempt(jieba, jiebaInPage, { primeMs: PRIME_IDLE_MS }, 'primed.ratio.compute');
      if (p1) {
        S.add('primed.ours.sumMs', p1.sumMs);
        S.add('primed.ours.wallMBps', corpus.bytes / 1e6 / (p1.wallMs / 1000));
      }
      if (p2) {
        S.add('primed.pool.wallMs', p2.wallMs);
        S.add('primed.pool.wallMBps', corpus.bytes / 1e6 / (p2.wallMs / 1000));
      }
      if (pj) {
        S.add('primed.jieba.sumMs', pj.sumMs);
        S.add('primed.jieba.wallMs', pj.wallMs);
      }
      if (p1 && pj) S.add('primed.ratio.compute', pj.sumMs / p1.sumMs);
      if (p2 && pj) S.add('primed.ratio.pool', pj.wallMs / p2.wallMs);
      if (o && j) {
        S.add('ratio.compute', j.sumMs / o.sumMs);
        S.add('ratio.pipeline', j.sumMs / o.wallMs);
        S.add('ratio.wallWall', j.wallMs / o.wallMs);
        if (o2) S.add('ratio.pool', j.wallMs / o2.wallMs);
        S.add('ratio.warm.compute', j.warm.sumMs / o.warm.sumMs);
        S.add('ratio.warm.pipeline', j.warm.sumMs / o.warm.wallMs);
        if (o2) S.add('ratio.warm.pool', j.warm.wallMs / o2.warm.wallMs);
      } else {
        for (const k of ['ratio.compute', 'ratio.pipeline']) S.fail(k, 'one side of the comparison failed');
      }
    }
  } finally {
    await browser?.close().catch(() => {});
    await jiebaServer?.close();
    fs.rmSync(jiebaDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

function distFiles() {
  return fs
    .readdirSync(DIST, { recursive: true })
    .filter((f) => fs.statSync(path.join(DIST, f)).isFile())
    .sort()
    .map((f) => {
      const buf = fs.readFileSync(path.join(DIST, f));
      return { file: f.split(path.sep).join('/'), raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
    });
}

const fmtMs = (x) => `${Math.round(x)} ms`;
const fmtBytes = (x) => `${Math.round(x).toLocaleString('en-US')} B`;
const fmtMB = (x) => `${(x / 1e6).toFixed(1)} MB`;
const fmtKiB = (x) => `${(x / 1024).toFixed(1)} KiB`;
const fmtRate = (x) => `${x.toFixed(1)} MB/s`;
const fmtRatio = (x) => `${x.toFixed(2)}×`;
const fmtCount = (x) => `${Number.isInteger(x) ? x : x.toFixed(1)}`;
// No long task at all means every task was under the 50 ms the API reports from.
const fmtLongest = (x) => (x === 0 ? 'none ≥ 50 ms' : fmtMs(x));
// "948–1320 ms" rather than "948 ms–1320 ms" when both ends are plain numbers in one unit.
function span(fmt, s) {
  const [a, b] = [fmt(s.min), fmt(s.max)];
  const [an, au] = [a.slice(0, a.lastIndexOf(' ')), a.slice(a.lastIndexOf(' '))];
  return a.includes(' ') && b.endsWith(au) && /^[\d.,]+$/.test(an) ? `${an}–${b}` : `${a}–${b}`;
}

function report({ opts, S, corpus, files, perFileRuns, offenders, hasSW, notes, started }) {
  const cmd = `${process.env.E2E_DIST ? `E2E_DIST=${process.env.E2E_DIST} ` : ''}node ${path.relative(REPO_ROOT, process.argv[1])}${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const row = (label, budget, key, fmt, met, { range = true } = {}) => {
    const s = S.stats(key);
    if (!s) return `| ${label} | ${budget} | n/a (${S.why(key)}) | | ${met ? 'n/a' : '—'} |`;
    const mm = range && s.n > 1 ? span(fmt, s) : '';
    return `| ${label} | ${budget} | ${fmt(s.median)} | ${mm} | ${met ? (met(s.median) ? 'yes' : '**no**') : '—'} |`;
  };
  const runsNote = (key) => {
    const s = S.stats(key);
    return s && s.n < opts.runs ? ` (${s.n} of ${opts.runs} runs)` : '';
  };
  const offline = S.offline ?? { ok: null, detail: 'n/a (not reached)' };
  const lines = [
    '## Browser benchmark (issue #6)',
    '',
    `- date: ${started.toISOString()}`,
    `- command: \`${cmd}\``,
    `- browser: headless Chromium ${S.chromium ?? '?'} (${CHROMIUM}), ${os.cpus().length} cores, app served gzipped by \`tests/e2e/server.mjs\` on 127.0.0.1`,
    `- runs: ${opts.runs} per measurement (median, min–max); build: \`${DIST.startsWith(REPO_ROOT + path.sep) ? path.relative(REPO_ROOT, DIST) : DIST}\`${hasSW ? ' (with sw.js)' : ' (no service worker)'}`,
    `- corpus: ${corpus.letters.length} letters, ${corpus.bytes.toLocaleString('en-US')} bytes of UTF-8 (as \`scripts/bench-cli\`); MB = 10⁶ bytes`,
    '',
    '| target | budget | median | min–max | met? |',
    '| --- | --- | ---: | ---: | --- |',
    row(`cold load: first contentful paint${runsNote('cold.fcp')}`, `≤ ${BUDGET.shellMs} ms`, 'cold.fcp', fmtMs, (m) => m <= BUDGET.shellMs),
    row(`baseline: first contentful paint of a one-heading page, same harness${runsNote('floor.fcp')}`, '(info)', 'floor.fcp', fmtMs, null),
    row(`cold load: seed analysed and on screen (prerendered reader painted, Element Timing)${runsNote('cold.seedPaint')}`, `≤ ${BUDGET.seedMs} ms`, 'cold.seedPaint', fmtMs, (m) => m <= BUDGET.seedMs),
    row(`cold load: the app rendered over it, interactive (\`seed-analysed\` mark)${runsNote('cold.seed')}`, '(info)', 'cold.seed', fmtMs, null),
    row(`cold load: \`#status\` ready (observed)${runsNote('cold.ready')}`, '(info)', 'cold.ready', fmtMs, null),
    row(`cold load: bytes transferred (encoded bodies, to seed + ${IDLE_AFTER_SEED_MS / 1000} s)`, `≤ ${BUDGET.totalBytes.toLocaleString('en-US')} B`, 'cold.bytes', fmtBytes, (m) => m <= BUDGET.totalBytes),
    row('cold load: page wasm `app_bg.wasm` transferred (gzip)', `≤ ${BUDGET.pageWasmBytes.toLocaleString('en-US')} B`, 'cold.pageWasm', fmtBytes, (m) => m <= BUDGET.pageWasmBytes),
    row(`5 MB upload: longest main-thread task${runsNote('upload.longest')}`, `≤ ${BUDGET.longTaskMs} ms`, 'upload.longest', fmtLongest, (m) => m <= BUDGET.longTaskMs),
    row('5 MB upload: long tasks (≥ 50 ms) on the main thread', '(info)', 'upload.longCount', fmtCount, null),
    row('5 MB upload, while the letters are analysed: longest main-thread task after the one in which the browser sets the 100 files on the input', `≤ ${BUDGET.longTaskMs} ms`, 'upload.longestOther', fmtLongest, (m) => m <= BUDGET.longTaskMs),
    row('5 MB upload: that task (0 if under 50 ms)', '(info)', 'upload.inputTask', fmtMs, null),
    row('5 MB upload: the page\'s own change handler within it (Long Animation Frames)', '(info)', 'upload.handler', fmtMs, null),
    row(`5 MB upload: files picked → all ${corpus.letters.length + 1} documents ready and rendered`, `≤ ${BUDGET.uploadMs} ms`, 'upload.ms', fmtMs, (m) => m <= BUDGET.uploadMs),
    row('worker pipeline throughput (wall, first post → last Done)', `≥ ${BUDGET.workerMBps} MB/s`, 'ours.wallMBps', fmtRate, (m) => m >= BUDGET.workerMBps),
    row("ours / jieba-wasm 2.4.0 `cut` (worker's own ms vs cut time)", `≥ ${BUDGET.vsJieba}×`, 'ratio.compute', fmtRatio, (m) => m >= BUDGET.vsJieba),
    row('our worker pipeline (wall) / jieba-wasm `cut`', '(info)', 'ratio.pipeline', fmtRatio, null),
    row(`the page's ${POOL} workers: pipeline throughput (wall, first post → last Done)`, `≥ ${BUDGET.workerMBps} MB/s`, 'pool.wallMBps', fmtRate, (m) => m >= BUDGET.workerMBps),
    row(`the page's ${POOL} workers (wall) / jieba-wasm in one worker (wall)`, '(info)', 'ratio.pool', fmtRatio, null),
    row('the same letters again in the same worker (its code optimised): throughput (wall)', `≥ ${BUDGET.workerMBps} MB/s`, 'ours.warm.wallMBps', fmtRate, (m) => m >= BUDGET.workerMBps),
    row(`the same letters again in the page's ${POOL} workers: throughput (wall)`, `≥ ${BUDGET.workerMBps} MB/s`, 'pool.warm.wallMBps', fmtRate, (m) => m >= BUDGET.workerMBps),
    row("the same again: ours / jieba-wasm `cut` (worker's own ms vs cut time, both second batches)", `≥ ${BUDGET.vsJieba}×`, 'ratio.warm.compute', fmtRatio, (m) => m >= BUDGET.vsJieba),
    row(`primed as the page starts its second worker (\`Warm\`, then ${PRIME_IDLE_MS / 1000} s idle): one worker's throughput (wall)`, `≥ ${BUDGET.workerMBps} MB/s`, 'primed.ours.wallMBps', fmtRate, (m) => m >= BUDGET.workerMBps),
    row(`primed: the page's ${POOL} workers' throughput (wall)`, `≥ ${BUDGET.workerMBps} MB/s`, 'primed.pool.wallMBps', fmtRate, (m) => m >= BUDGET.workerMBps),
    row("primed: ours / jieba-wasm `cut` primed alike (worker's own ms vs cut time)", `≥ ${BUDGET.vsJieba}×`, 'primed.ratio.compute', fmtRatio, (m) => m >= BUDGET.vsJieba),
    row(`primed: the page's ${POOL} workers (wall) / jieba-wasm primed alike (wall)`, '(info)', 'primed.ratio.pool', fmtRatio, null),
    row('memory with 5 MB loaded: PSS of the page\'s renderer', `< ${BUDGET.pssBytes / 1e6} MB`, 'mem.pss', fmtMB, (m) => m < BUDGET.pssBytes),
    row(`repeat visit: seed on screen (prerendered reader painted)${runsNote('repeat.seedPaint')}`, '(info)', 'repeat.seedPaint', fmtMs, null),
    row(`repeat visit: interactive (\`seed-analysed\` mark)${runsNote('repeat.seed')}`, `≤ ${BUDGET.repeatMs} ms`, 'repeat.seed', fmtMs, (m) => m <= BUDGET.repeatMs),
    row('repeat visit: first contentful paint', '(info)', 'repeat.fcp', fmtMs, null),
    `| offline reload after a first visit | works | ${offline.detail} | | ${offline.ok === null ? 'n/a' : offline.ok ? 'yes' : '**no**'} |`,
    `| requests to other origins (all runs) | none | ${offenders.size ? `${offenders.size}: ${[...offenders].slice(0, 5).map((u) => `\`${u}\``).join(', ')}` : 'none'} | | ${offenders.size ? '**no**' : 'yes'} |`,
    '',
  ];

  // Per-file: sizes on disk and what a cold load actually transferred of each.
  const perFile = new Map();
  for (const run of perFileRuns) for (const [f, v] of run) {
    if (!perFile.has(f)) perFile.set(f, []);
    perFile.get(f).push(v);
  }
  lines.push(
    '### Files of the build and a cold load\'s transfers',
    '',
    'Transferred: encoded body bytes per cold load as served by `server.mjs` (gzip level 6; medians over the runs), responses a service worker answered excluded. Requests: per load.',
    '',
    '| file | raw | gzip -9 | transferred (cold) | requests |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  const listed = new Set();
  for (const f of files) {
    listed.add(f.file);
    const seen = perFile.get(f.file) ?? [];
    const t = stats(seen.map((v) => v.bytes));
    const req = stats(seen.map((v) => v.requests));
    const unreported = seen.some((v) => v.unreported) ? ' (size not reported by Chromium)' : '';
    lines.push(`| ${f.file} | ${fmtKiB(f.raw)} | ${fmtKiB(f.gzip)} | ${t ? `${fmtBytes(t.median)}${unreported}` : 'not fetched'} | ${req ? fmtCount(req.median) : 0} |`);
  }
  for (const [f, vs] of perFile) {
    if (listed.has(f)) continue;
    lines.push(`| ${f} (not in dist) | | | ${fmtBytes(stats(vs.map((v) => v.bytes)).median)} | ${fmtCount(stats(vs.map((v) => v.requests)).median)} |`);
  }
  lines.push(
    `| **total** | **${fmtKiB(files.reduce((n, f) => n + f.raw, 0))}** | **${fmtKiB(files.reduce((n, f) => n + f.gzip, 0))}** | **${S.stats('cold.bytes') ? fmtBytes(S.stats('cold.bytes').median) : 'n/a'}** | |`,
    '',
  );

  const cell = (key, fmt) => {
    const s = S.stats(key);
    return s ? `${fmt(s.median)}${s.n > 1 ? ` (${span(fmt, s)})` : ''}` : `n/a (${S.why(key)})`;
  };
  lines.push(
    '### Segmentation throughput: our worker against jieba-wasm 2.4.0',
    '',
    `Same browser, same ${corpus.letters.length} letters (${(corpus.bytes / 1e6).toFixed(2)} MB), each posted as one message to a fresh worker once it is ready (or to ${POOL} fresh workers in turn, as the page shares a batch between its workers; jieba-wasm runs in one, as its npm package offers no pool); runs interleaved. Ours runs the whole analysis of each letter (decoding, structure, entities, segmentation with the UN dictionary, counts, theme tagging) and returns the serialized result (postcard; the bench page reads only its head, where the app decodes it all); jieba-wasm only \`cut(text, true)\` (HMM on) and returns the words. Ratios are per run (jieba-wasm time ÷ ours), then the median.`,
    '',
    '| engine | measure | time | MB/s | × jieba-wasm `cut` |',
    '| --- | --- | ---: | ---: | ---: |',
    `| ours (\`worker_loader.js\`) | sum of the worker's \`ms\` per Done | ${cell('ours.sumMs', fmtMs)} | ${cell('ours.computeMBps', (x) => x.toFixed(1))} | ${cell('ratio.compute', fmtRatio)} |`,
    `| ours (\`worker_loader.js\`) | wall, first post → last Done (with message passing) | ${cell('ours.wallMs', fmtMs)} | ${cell('ours.wallMBps', (x) => x.toFixed(1))} | ${cell('ratio.pipeline', fmtRatio)} |`,
    `| ours, ${POOL} workers as the page runs them | wall, first post → last Done, letters taken in turn | ${cell('pool.wallMs', fmtMs)} | ${cell('pool.wallMBps', (x) => x.toFixed(1))} | wall ÷ wall: ${cell('ratio.pool', fmtRatio)} |`,
    `| jieba-wasm 2.4.0 (web build, module worker) | sum of \`cut(text, true)\` times | ${cell('jieba.sumMs', fmtMs)} | ${cell('jieba.computeMBps', (x) => x.toFixed(1))} | 1.00× |`,
    `| jieba-wasm 2.4.0 | wall, first post → last reply | ${cell('jieba.wallMs', fmtMs)} | ${cell('jieba.wallMBps', (x) => x.toFixed(1))} | wall ÷ wall: ${cell('ratio.wallWall', fmtRatio)} |`,
    '',
    'Then the same letters again, in the same workers. In the first batch each engine runs the code V8 compiled at start-up while it optimises the hot functions in the background, on the same two cores; in the second it runs them optimised. The page\'s first worker analyses the seed once after it starts (to hold its word boundaries), which starts that optimisation before the first letters arrive.',
    '',
    '| engine, second batch | measure | time | MB/s | × jieba-wasm `cut` (second batch) |',
    '| --- | --- | ---: | ---: | ---: |',
    `| ours | sum of the worker's \`ms\` per Done | ${cell('ours.warm.sumMs', fmtMs)} | ${cell('ours.warm.computeMBps', (x) => x.toFixed(1))} | ${cell('ratio.warm.compute', fmtRatio)} |`,
    `| ours | wall, first post → last Done | ${cell('ours.warm.wallMs', fmtMs)} | ${cell('ours.warm.wallMBps', (x) => x.toFixed(1))} | ${cell('ratio.warm.pipeline', fmtRatio)} |`,
    `| ours, ${POOL} workers | wall, first post → last Done | ${cell('pool.warm.wallMs', fmtMs)} | ${cell('pool.warm.wallMBps', (x) => x.toFixed(1))} | wall ÷ wall: ${cell('ratio.warm.pool', fmtRatio)} |`,
    `| jieba-wasm 2.4.0 | sum of \`cut(text, true)\` times | ${cell('jieba.warm.sumMs', fmtMs)} | ${cell('jieba.warm.computeMBps', (x) => x.toFixed(1))} | 1.00× |`,
    '',
    `Primed: fresh workers, each first given one piece of work and then left idle ${PRIME_IDLE_MS / 1000} s, then one batch. Ours is sent \`Warm\` (one analysis of the seed, no reply), which the page sends to the second worker it now starts once it is idle, ahead of any letter; the page's first worker analyses the seed when it starts. jieba-wasm cuts the seed's text once.`,
    '',
    '| engine, primed | measure | time | MB/s | × jieba-wasm `cut` (primed) |',
    '| --- | --- | ---: | ---: | ---: |',
    `| ours | sum of the worker's \`ms\` per Done | ${cell('primed.ours.sumMs', fmtMs)} | ${cell('primed.ours.wallMBps', (x) => x.toFixed(1))} (wall) | ${cell('primed.ratio.compute', fmtRatio)} |`,
    `| ours, ${POOL} workers | wall, first post → last Done | ${cell('primed.pool.wallMs', fmtMs)} | ${cell('primed.pool.wallMBps', (x) => x.toFixed(1))} | wall ÷ wall: ${cell('primed.ratio.pool', fmtRatio)} |`,
    `| jieba-wasm 2.4.0 | sum of \`cut(text, true)\` times (wall) | ${cell('primed.jieba.sumMs', fmtMs)} (${cell('primed.jieba.wallMs', fmtMs)}) | | 1.00× |`,
    '',
    '| start-up (not in the times above) | median (min–max) |',
    '| --- | ---: |',
    `| ours: \`new Worker\` → Ready message (fetch, compile, segmenter) | ${cell('ours.toReadyMs', fmtMs)} |`,
    `| ours: Ready's \`init_ms\` (segmenter and tagger built in the worker) | ${cell('ours.initMs', fmtMs)} |`,
    `| jieba-wasm: \`new Worker\` → ready | ${cell('jieba.toReadyMs', fmtMs)} |`,
    `| jieba-wasm: \`init()\` (fetch + instantiate) | ${cell('jieba.instantiateMs', fmtMs)} |`,
    `| jieba-wasm: first \`cut\` of 5 characters (builds the dictionary) | ${cell('jieba.firstCutMs', fmtMs)} |`,
    '',
    '### Other measurements',
    '',
    '| measure | median (min–max) |',
    '| --- | ---: |',
    `| 5 MB upload: \`setInputFiles\` call → all ready (Node's clock, includes handing 5 MB to the page) | ${cell('upload.nodeMs', fmtMs)} |`,
    `| 5 MB upload: the \`setInputFiles\` call alone (Node's clock) | ${cell('upload.setFilesMs', fmtMs)} |`,
    `| 5 MB upload: total duration of the long tasks | ${cell('upload.longSum', fmtMs)} |`,
    `| memory: renderer processes in the browser (the page's is the one with a DedicatedWorker thread) | ${cell('mem.renderers', fmtCount)} |`,
    `| memory: PSS of all the browser's processes (browser, GPU/utility, renderers) | ${cell('mem.pssAll', fmtMB)} |`,
    `| memory: page JS heap used (CDP \`JSHeapUsedSize\`, main thread) | ${cell('mem.jsHeap', fmtMB)} |`,
    `| memory: page wasm linear memory (\`app_bg.wasm\`) | ${cell('mem.pageWasm', fmtMB)} |`,
    `| memory: worker wasm linear memory (\`worker_bg.wasm\`) | ${cell('mem.workerWasm', fmtMB)} |`,
    `| cold load: the app's first render attached (\`shell-painted\` mark) | ${cell('cold.shell', fmtMs)} |`,
    `| repeat visit: \`shell-painted\` mark | ${cell('repeat.shell', fmtMs)} |`,
    `| repeat visit: bytes transferred | ${cell('repeat.bytes', fmtBytes)} |`,
    `| repeat visit: page controlled by a service worker (1 = yes) | ${cell('repeat.swControlled', fmtCount)} |`,
    '',
    `Times are milliseconds since navigation start (marks and paint entries) or wall times on the page's clock. The cold load's bytes are the encoded bodies of every response the context received, workers' included, until ${IDLE_AFTER_SEED_MS / 1000} s after \`seed-analysed\`. \`server.mjs\` sends \`Cache-Control: max-age=600\` with an ETag, as GitHub Pages does; a repeat visit's files come from the service worker. Long tasks are the page's main thread only (the Long Tasks API), counted from just before the files were handed to the page. PSS is from \`/proc/<pid>/smaps_rollup\` right after the upload settled, with a browser launched for that run alone.`,
  );
  if (S.memBreakdown) lines.push('', `PSS by process in the last upload run: ${S.memBreakdown}.`);
  if (S.reasons.has('mem.pssNote')) lines.push('', `Note: ${S.why('mem.pssNote')}.`);
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

function writeBenchmarks(section) {
  const file = path.join(REPO_ROOT, 'BENCHMARKS.md');
  const start = '<!-- bench-browser:start -->';
  const end = '<!-- bench-browser:end -->';
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `${start}\n${section}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const out = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.replace(/\n*$/, '\n\n')}${block}\n`;
  fs.writeFileSync(file, out);
  log(`wrote ${path.relative(process.cwd(), file) || file}`);
}

// ---------------------------------------------------------------- main

const opts = parseArgs(process.argv.slice(2));
if (opts.build) {
  log('building dist/ (trunk build index.html --release)');
  const PATH = [path.join(os.homedir(), '.cargo', 'bin'), path.join(REPO_ROOT, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter);
  const built = spawnSync('trunk', ['build', 'index.html', '--release'], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2], env: { ...process.env, PATH } });
  if (built.status !== 0) throw new Error(`trunk build failed (${built.error?.message ?? `exit ${built.status}`}); scripts/setup installs trunk`);
}
assertDistBuilt();
const started = new Date();
const corpus = buildCorpus();
const files = distFiles();
const hasSW = fs.existsSync(path.join(DIST, 'sw.js'));
const S = new Samples();
const offenders = new Set();
const perFileRuns = [];
const notes = [];
if (!fs.existsSync(path.join(JIEBA_WEB, 'jieba_rs_wasm.js'))) {
  S.fail('jieba.computeMBps', 'node_modules/jieba-wasm missing: npm i -D --save-exact jieba-wasm@2.4.0');
}

const server = await startServer({ root: DIST });
const origin = new URL(server.url).origin;
const ctx = { runs: opts.runs, url: server.url, origin, corpus, S, offenders, notes, hasSW, perFileRuns };
const steps = [
  ['loads', loadRuns],
  ['upload', uploadRuns],
  ['throughput', throughputRuns],
];
try {
  for (const [name, fn] of steps) {
    if (opts.only && !opts.only.includes(name)) continue;
    const t = Date.now();
    try {
      await fn(ctx);
    } catch (e) {
      notes.push(`step ${name} aborted: ${errText(e)}`);
      log(`step ${name} aborted:`, e);
    }
    log(`${name} took ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
} finally {
  await server.close();
}
if (!fs.existsSync(path.join(JIEBA_WEB, 'jieba_rs_wasm.js'))) S.fail('ratio.compute', 'jieba-wasm not installed');

const section = report({ opts, S, corpus, files, perFileRuns, offenders, hasSW, notes, started });
console.log(section);
if (opts.write) writeBenchmarks(section);
