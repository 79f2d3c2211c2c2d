// What issue #6 changed, as a user meets it (the timings themselves are the benchmark's
// business: scripts/bench-browser.mjs): the seed is shown analysed without waiting for the
// worker, the PDF reader is fetched only for a PDF, the app opens offline after a first
// visit, the second analysis worker starts before the letters, and a long theme matrix
// draws the rows near the screen while its SVG export holds every row.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, openPage, waitForSeedAnalysed, REPO_ROOT, DIST } from './helpers.mjs';
import { startServer } from './server.mjs';

const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures');
const SEED = fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'S-2020-911.zh.txt'), 'utf8');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'unsc-lens-perf-'));

const isPdfReader = (u) => /\/pdf(?:_loader|_bg)?\.(?:js|wasm)$/.test(u);

// Copies of the seed under new names, as files on disk.
function seedCopies(prefix, n) {
  return Array.from({ length: n }, (_, i) => {
    const file = path.join(TMP, `${prefix}-${String(i).padStart(2, '0')}.txt`);
    fs.writeFileSync(file, SEED);
    return file;
  });
}

async function allFinished(page, n) {
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('.doc-entry')].filter((e) => e.dataset.state === 'ready').length >= n,
    n,
    { timeout: 120_000 },
  );
}

describe('loading and long workspaces (issue #6)', () => {
  let app;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.close();
    fs.rmSync(TMP, { recursive: true, force: true });
  });

  it('paints a static shell, then the seed analysed while the worker is still held back', async () => {
    const { context, page, log } = await openPage(app.browser, null);
    try {
      const html = await (await fetch(app.url)).text();
      assert.match(html, /<div id="shell"/, 'index.html has no static shell');
      let release;
      const held = new Promise((r) => (release = r));
      await context.route('**/worker_bg.wasm', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(app.url);
      await waitForSeedAnalysed(page);
      assert.equal(await page.locator('#shell').count(), 0, 'the shell stays after the app rendered');
      assert.equal(await page.locator('#doc .part').count(), 10);
      assert.ok((await page.locator('#doc .chip').count()) > 20, 'no theme chips on the seed');
      assert.ok((await page.locator('#doc mark.cue').count()) > 50, 'no cue marks on the seed');
      assert.match(await page.locator('#status').innerText(), /预先算好/);
      release();
      // The worker, once running, confirms the shipped tags: the seed stays as it was.
      await page.setInputFiles('#file-input', path.join(FIXTURES, 'single-annex.zh.txt'));
      await page.locator('.doc-entry[data-name="single-annex.zh.txt"][data-state="ready"]').waitFor({ timeout: 60_000 });
      await page.click('.doc-entry[data-name="S-2020-911.zh.txt"] .doc-select');
      assert.ok((await page.locator('#doc .chip').count()) > 20);
      assert.deepEqual(log.pageErrors, []);
    } finally {
      await context.close();
    }
  });

  it('shows the seed analysed before any wasm has loaded, then hands over to the app', async () => {
    const { context, page, log } = await openPage(app.browser, null);
    try {
      let release;
      const held = new Promise((r) => (release = r));
      await context.route('**/app_bg.wasm', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(app.url, { waitUntil: 'domcontentloaded' });
      const shell = page.locator('#shell');
      await shell.locator('#doc').waitFor();
      // The reader the build wrote in: every statement, its speaker, its cues and chips.
      assert.equal(await shell.locator('#doc section.part').count(), 10);
      const codes = await shell.locator('#doc .speaker .represents').evaluateAll((e) => e.map((x) => x.dataset.code ?? ''));
      assert.deepEqual(codes, ['UN', 'BEL', 'CHN', 'DOM', 'EST', 'FRA', 'RUS', 'GBR', 'USA']);
      assert.ok((await shell.locator('#doc mark.cue').count()) > 100);
      assert.ok((await shell.locator('#doc .chip').count()) > 50);
      assert.ok(await shell.locator('#doc .reader-tools input[type="checkbox"]').isDisabled());
      const staticParas = await shell.locator('#doc .para').allTextContents();
      // The segments the app draws the reader in: metadata, paragraphs, key terms.
      const segments = '.doc-meta, .paras, .doc-keys, .part-stats > .key-terms';
      const inShell = await page.evaluate((sel) => {
        const nodes = document.querySelectorAll(sel.split(', ').map((s) => `#shell #doc ${s}`).join(', '));
        window.shellNodes = new WeakSet(nodes);
        return nodes.length;
      }, segments);
      // One of each per part (every statement of the seed has key terms), and the whole's.
      assert.equal(inShell, 1 + 10 + 1 + 10);
      const fromShell = (sel) =>
        page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => window.shellNodes.has(e)), sel);
      release();
      await waitForSeedAnalysed(page);
      assert.equal(await page.locator('#shell').count(), 0);
      assert.equal(await page.locator('#doc').count(), 1);
      // The app draws the same paragraphs, and its controls work.
      assert.deepEqual(await page.locator('#doc .para').allTextContents(), staticParas);
      assert.ok(await page.locator('#seg-toggle').isEnabled());
      // It took the shell's own nodes rather than drawing them again.
      const moved = await fromShell(segments.split(', ').map((s) => `#doc ${s}`).join(', '));
      assert.equal(moved.length, inShell);
      assert.ok(moved.every(Boolean), `not moved from the shell: ${moved}`);
      // Letters added change the seed's key terms, weighed against them; only those are
      // drawn again, the paragraphs stay.
      const keysBefore = await page.locator('#doc .part-stats > .key-terms').allTextContents();
      await page.setInputFiles('#file-input', [
        path.join(FIXTURES, 'single-annex.zh.txt'),
        path.join(FIXTURES, 'single-annex.gb18030.txt'),
      ]);
      await page.waitForFunction(() => document.querySelectorAll('.doc-entry[data-state="ready"]').length === 3, null, { timeout: 60_000 });
      await page.waitForFunction(() => document.querySelectorAll('#doc .part-stats > .key-terms').length === 10 && ![...document.querySelectorAll('#doc .part-stats > .key-terms')].some((e) => window.shellNodes.has(e)), null, { timeout: 10_000 });
      assert.notDeepEqual(await page.locator('#doc .part-stats > .key-terms').allTextContents(), keysBefore);
      const paras = await fromShell('#doc .paras');
      assert.equal(paras.length, 10);
      assert.ok(paras.every(Boolean), `paragraphs drawn again: ${paras}`);
      assert.equal(await page.locator('#doc').getAttribute('data-symbol'), 'S/2020/911');
      // What the app draws itself afterwards replaces them: a theme filter, then none.
      await page.selectOption('#theme-filter', 'covid');
      const shown = await page.$$eval('#doc .para-row:not([hidden])', (rows) => rows.map((r) => r.dataset.themes));
      assert.ok(shown.length > 0 && shown.length < staticParas.length, `${shown.length} rows shown`);
      assert.ok(shown.every((t) => t.split(',').includes('covid')));
      await page.selectOption('#theme-filter', '');
      assert.equal(await page.locator('#doc .para-row[hidden]').count(), 0);
      assert.deepEqual(await page.locator('#doc .para').allTextContents(), staticParas);
      assert.ok((await fromShell('#doc .paras')).every((moved) => !moved));
      assert.deepEqual(log.pageErrors, []);
    } finally {
      await context.close();
    }
  });

  it('fetches the PDF reader only when a PDF is added', async () => {
    const { context, page, log } = await openPage(app.browser, app.url);
    try {
      await waitForSeedAnalysed(page);
      await page.setInputFiles('#file-input', path.join(FIXTURES, 'single-annex.zh.txt'));
      await page.locator('.doc-entry[data-name="single-annex.zh.txt"][data-state="ready"]').waitFor({ timeout: 60_000 });
      assert.deepEqual(log.requests.filter(isPdfReader), [], 'the PDF reader was fetched without a PDF');
      await page.setInputFiles('#file-input', path.join(FIXTURES, 'seed.pdf'));
      await page.locator('.doc-entry[data-name="seed.pdf"][data-state="ready"]').waitFor({ timeout: 60_000 });
      assert.ok(log.requests.some((u) => u.endsWith('/pdf_bg.wasm')), 'the PDF was read without the reader?');
      await page.click('.doc-entry[data-name="seed.pdf"] .doc-select');
      await page.locator('#doc[data-name="seed.pdf"]').waitFor();
      assert.match(await page.textContent('#doc .meta-source dd'), /Pdf/);
      assert.equal(await page.locator('#doc .part[data-kind="annex"]').count(), 9);
    } finally {
      await context.close();
    }
  });

  it('opens and analyses offline after a first visit', async () => {
    const { context, page } = await openPage(app.browser, app.url);
    try {
      await waitForSeedAnalysed(page);
      await page.waitForFunction(async () => {
        const reg = await navigator.serviceWorker.ready;
        return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
      }, null, { timeout: 30_000 });
      await context.setOffline(true);
      await page.reload();
      await waitForSeedAnalysed(page);
      assert.equal(await page.locator('#doc .part[data-kind="annex"]').count(), 9);
      // The worker comes from the cache too: a letter is analysed without the network.
      await page.setInputFiles('#file-input', path.join(FIXTURES, 'single-annex.gb18030.txt'));
      await page.locator('.doc-entry[data-name="single-annex.gb18030.txt"][data-state="ready"]').waitFor({ timeout: 60_000 });
    } finally {
      await context.setOffline(false);
      await context.close();
    }
  });

  it('starts the second analysis worker before any letter, from the cache, and shares a batch between both with the same results', async () => {
    const downloads = [];
    const server = await startServer({ root: DIST, onResponse: (status, p) => status === 200 && downloads.push(p) });
    const { context, page, log } = await openPage(app.browser, server.url);
    try {
      await waitForSeedAnalysed(page);
      const analysisWorkers = () => page.workers().filter((w) => /\/worker(_loader)?\.js$/.test(w.url())).length;
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      const pool = Math.min(cores, 2);
      // Once the first worker has answered for the seed, the page starts the rest of the pool.
      for (let i = 0; i < 200 && analysisWorkers() < pool; i++) await page.waitForTimeout(50);
      assert.equal(analysisWorkers(), pool, 'the pool is started before any letter');
      await page.waitForTimeout(500);
      assert.equal(downloads.filter((p) => p.endsWith('/worker_bg.wasm')).length, 1, `worker downloaded once: ${downloads.join(' ')}`);
      const files = seedCopies('batch', 6);
      await page.setInputFiles('#file-input', files);
      await allFinished(page, 7);
      assert.equal(analysisWorkers(), pool);
      // Each copy of the seed, whichever worker read it, has the seed's statements and counts.
      await page.click('#tab-corpus');
      const rows = await page.$$eval('#corpus tbody.corpus-doc', (els) =>
        els.map((e) => [...e.querySelectorAll('tr.statement-row')].map((r) => `${r.dataset.code ?? ''}:${r.querySelector('td.words')?.textContent}`).join(' ')),
      );
      assert.equal(rows.length, 7);
      assert.match(rows[0], /^:\d+ UN:\d+ BEL:\d+ CHN:\d+ DOM:\d+ EST:\d+ FRA:\d+ RUS:\d+ GBR:\d+ USA:\d+$/);
      assert.deepEqual(new Set(rows), new Set([rows[0]]));
      assert.deepEqual(log.pageErrors, []);
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('draws the rows of a long theme matrix near the screen, and exports them all', async () => {
    const { context, page, log } = await openPage(app.browser, app.url);
    try {
      await waitForSeedAnalysed(page);
      // Sixteen letters of ten statements: 170 rows with the seed, past the window's threshold.
      const files = seedCopies('copy', 16);
      await page.setInputFiles('#file-input', files);
      await allFinished(page, 17);
      await page.click('#tab-themes');
      const svg = page.locator('#theme-matrix');
      await svg.waitFor();
      const drawn = await svg.locator('.heat-row').count();
      assert.ok(drawn > 0 && drawn < 170, `rows drawn at the top: ${drawn}`);
      assert.equal(await svg.locator('.heat-row[data-row="0"]').count(), 1);
      // The text alternative still names every statement.
      const alt = await svg.getAttribute('aria-label');
      assert.equal(alt.split('；').length, 170);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await svg.locator('.heat-row[data-row="169"]').waitFor({ state: 'attached', timeout: 10_000 });
      assert.equal(await svg.locator('.heat-row[data-row="0"]').count(), 0, 'the top rows are still drawn');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-matrix-svg')]);
      const text = fs.readFileSync(await dl.path(), 'utf8');
      assert.equal(text.match(/class="heat-row"/g)?.length, 170);
      // Back to the window after the export.
      await page.waitForFunction(() => document.querySelectorAll('#theme-matrix .heat-row').length < 170);
      assert.deepEqual(log.pageErrors, []);
    } finally {
      await context.close();
    }
  });

  it('lays out only the paragraphs near the screen, and still brings a far one into view', async () => {
    const { context, page, log } = await openPage(app.browser, app.url);
    try {
      await waitForSeedAnalysed(page);
      // Whether the browser has laid the paragraph out (false while content-visibility skips it).
      const laidOut = (id) => page.$eval(`#${id} .para`, (p) => p.checkVisibility({ contentVisibilityAuto: true }));
      const inView = (id) => page.$eval(`#${id}`, (r) => {
        const b = r.getBoundingClientRect();
        return b.top >= 0 && b.bottom <= innerHeight;
      });
      // Lacroix's briefing starts on the first screen; its last paragraphs are far below.
      const rows = await page.$$eval('#doc .part[data-annex="1"] .para-row', (r) => r.map((x) => x.id));
      assert.ok(rows.length > 20, `${rows.length} paragraphs`);
      assert.equal(await laidOut('p-0-0'), true);
      assert.equal(await laidOut(rows.at(-1)), false, 'a paragraph far below the screen was laid out');
      // A paragraph of the last statement, by its address: scrolled to, laid out, on screen.
      const last = await page.$$eval('#doc .part[data-annex="8"] .para-row', (r) => r.map((x) => x.id));
      const far = last[Math.floor(last.length / 2)];
      const [, part, para] = far.split('-');
      await page.evaluate((h) => (location.hash = h), `#/reader/1/${part}.${para}`);
      await page.locator(`#${far}.target`).waitFor();
      await page.waitForFunction((id) => {
        const b = document.getElementById(id).getBoundingClientRect();
        return b.top >= 0 && b.bottom <= innerHeight;
      }, far, { timeout: 5_000 });
      assert.equal(await laidOut(far), true);
      // Held there once the paragraphs around it are laid out.
      await page.waitForTimeout(300);
      assert.equal(await inView(far), true, 'the paragraph moved off screen');
      assert.equal(await laidOut('p-0-0'), false, 'the first paragraph is still laid out far above');
      assert.deepEqual(log.pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
