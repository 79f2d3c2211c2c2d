// Trust: nothing leaves the page, a crafted document cannot run code, a dying worker is
// replaced without losing the workspace, and bad files leave everything else in place.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { openSeededApp, waitForSeedAnalysed, REPO_ROOT, DIST } from './helpers.mjs';

const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures');
const STATIC = new Set(['', 'index.html', 'style.css', 'app.js', 'app_bg.wasm', 'worker_loader.js', 'worker.js', 'worker_bg.wasm', 'sw.js', 'pdf_loader.js', 'pdf.js', 'pdf_bg.wasm']);
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'unsc-lens-trust-'));

function tmpFile(name, content) {
  const file = path.join(TMP, name);
  fs.writeFileSync(file, content);
  return file;
}

async function waitForEntry(page, name, state) {
  await page
    .locator(`.doc-entry[data-name="${name}"][data-state="${state}"]`)
    .waitFor({ state: 'attached', timeout: 60_000 });
}

// A zip whose one entry, word/document.xml, inflates far past the 64 MB the reader allows.
function zipBomb() {
  const name = Buffer.from('word/document.xml');
  const raw = Buffer.alloc(80 * 1024 * 1024, 0x20);
  const data = zlib.deflateRawSync(raw, { level: 9 });
  const crc = zlib.crc32 ? zlib.crc32(raw) : 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(raw.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(raw.length, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

// A well-formed PDF of 5 000 empty pages.
function emptyPdf(pages) {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>'];
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  for (let i = 0; i < pages; i++) objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>');
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}

const HOSTILE = [
  '2024年1月1日某国常驻联合国代表给秘书长的信',
  '',
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<a href="javascript:window.__pwned=\'link\'">点击这里</a>',
  '\u202Egnp.exe\u202C 与 \u2067隔离\u2069 的双向控制字符。',
  '',
  '附件',
  '<svg onload="window.__pwned=\'svg\'">某国代表的发言',
  '',
  '维和行动 <iframe src="javascript:window.__pwned=\'iframe\'"></iframe> 应当保护平民。',
].join('\n');

describe('trust', () => {
  let app, page, log;

  before(async () => {
    ({ app, page, log } = await openSeededApp());
  });

  after(async () => {
    await app?.close();
    fs.rmSync(TMP, { recursive: true, force: true });
  });

  it('ships a Content-Security-Policy: own scripts, wasm and worker only, no other connections', async () => {
    const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
    assert.ok(csp, 'no CSP meta tag');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /connect-src 'self'(;|$)/);
    assert.match(csp, /worker-src 'self'(;|$)/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    // The app runs under it: the seed was analysed and nothing was refused.
    assert.deepEqual(log.consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e)), []);
  });

  it('shows crafted markup as text and runs none of it', async () => {
    await page.setInputFiles('#file-input', [
      tmpFile('hostile.txt', HOSTILE),
      tmpFile('hostile.html', `<html><body><p>${HOSTILE.replace(/\n/g, '</p><p>')}</p><script>window.__pwned='html'</script></body></html>`),
    ]);
    await waitForEntry(page, 'hostile.txt', 'ready');
    await waitForEntry(page, 'hostile.html', 'ready');
    await page.click('.doc-entry[data-name="hostile.txt"] .doc-select');
    await page.locator('#doc[data-name="hostile.txt"]').waitFor();
    const text = await page.textContent('#doc');
    assert.match(text, /<script>window.__pwned = "script"<\/script>/);
    assert.match(text, /<img src=x onerror=/);
    assert.match(text, /\u202Egnp\.exe\u202C/);
    assert.equal(await page.locator('#doc script, #doc img, #doc iframe, #doc svg:not(.theme-profile)').count(), 0);
    assert.equal(await page.locator('#doc a[href^="javascript:"]').count(), 0);
    // A bidi override cannot reorder text outside its own paragraph or name.
    const isolation = await page.$$eval('#doc .para', (ps) => [...new Set(ps.map((p) => getComputedStyle(p).unicodeBidi))]);
    assert.deepEqual(isolation, ['isolate']);
    // The name the user gives is text too, and so is a search term.
    await page.click('.doc-entry[data-name="hostile.html"] .doc-rename');
    await page.fill('.rename-input', '<img src=x onerror="window.__pwned=\'name\'">');
    await page.press('.rename-input', 'Enter');
    await page.goto(page.url().split('#')[0] + '#/kwic/' + encodeURIComponent('<img src=x onerror=alert(1)>'));
    await page.locator('#kwic').waitFor();
    for (const tab of ['corpus', 'themes', 'compare', 'resolutions']) {
      await page.click(`#tab-${tab}`);
      await page.waitForTimeout(100);
    }
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('.side img, .view img, .view script, .view iframe').count(), 0);
  });

  it('replaces a worker that dies and keeps the workspace', async () => {
    const before = await page.$$eval('.doc-entry', (e) => e.map((x) => x.dataset.id));
    // One analysis worker, or two once letters arrived while the first was busy; every one
    // of them is killed, each with an uncaught error as a panic in its wasm would raise.
    const workers = page.workers().filter((w) => /\/worker(_loader)?\.js$/.test(w.url()));
    assert.ok(workers.length >= 1 && workers.length <= 2, `analysis workers: ${workers.map((w) => w.url())}`);
    for (const w of workers) await w.evaluate(() => setTimeout(() => { throw new Error('worker killed by the test'); }, 0));
    await page.locator('#engine-restarted').waitFor({ timeout: 30_000 });
    await waitForSeedAnalysed(page);
    for (const id of before) {
      await page.locator(`.doc-entry[data-id="${id}"][data-state="ready"]`).waitFor({ timeout: 60_000 });
    }
    assert.deepEqual(await page.$$eval('.doc-entry', (e) => e.map((x) => x.dataset.id)), before);
    // The new worker analyses new files.
    await page.setInputFiles('#file-input', path.join(FIXTURES, 'single-annex.zh.txt'));
    await waitForEntry(page, 'single-annex.zh.txt', 'ready');
    await page.click('#tab-reader');
    await page.click('.doc-entry[data-name="S-2020-911.zh.txt"] .doc-select');
    await page.check('#seg-toggle');
    await page.locator('#doc .para.segmented .tok').first().waitFor();
    await page.uncheck('#seg-toggle');
  });

  it('takes bad file after bad file: each error in the interface language, nothing else lost', async () => {
    const broken = fs.readdirSync(path.join(FIXTURES, 'broken')).map((f) => path.join(FIXTURES, 'broken', f));
    const pathological = [
      tmpFile('too-large.txt', Buffer.alloc(20 * 1024 * 1024 + 1, 'a')),
      tmpFile('one-line.txt', '维和'.repeat(850_000)),
      tmpFile('tiny-paragraphs.txt', '和\n\n'.repeat(100_000)),
      tmpFile('nested.html', '<div>'.repeat(100_000) + '维和' + '</div>'.repeat(100_000)),
      tmpFile('bomb.docx', zipBomb()),
      tmpFile('empty-pages.pdf', emptyPdf(5000)),
      tmpFile('one-character.txt', '维'.repeat(Math.floor((20 * 1024 * 1024) / 3))),
    ];
    const good = await page.$$eval('.doc-entry[data-state="ready"]', (e) => e.map((x) => x.dataset.id));
    let english = false;
    for (const [i, file] of [...broken, ...pathological].entries()) {
      if (i === 4) {
        await page.click('#lang-toggle');
        english = true;
      }
      const name = path.basename(file);
      await page.setInputFiles('#file-input', file);
      const entry = page.locator(`.doc-entry[data-name="${name}"]:not([data-state="pending"])`);
      await entry.waitFor({ timeout: 60_000 });
      const state = await entry.getAttribute('data-state');
      if (state === 'error') {
        const message = await entry.locator('.doc-error').textContent();
        if (english) assert.match(message, /^[\x20-\x7e\u2019\u2013\u2014…]+$/, `${name}: ${message}`);
        else assert.match(message, /[\u4e00-\u9fff]/, `${name}: ${message}`);
      }
      // The page still answers, and every earlier good document is still there.
      assert.equal(await page.evaluate(() => 1 + 1), 2);
      for (const g of good) {
        assert.equal(await page.locator(`.doc-entry[data-id="${g}"][data-state="ready"]`).count(), 1, `${g} after ${name}`);
      }
    }
    // The files that are text to read were read; the broken ones were refused.
    for (const f of ['one-line.txt', 'tiny-paragraphs.txt', 'nested.html', 'one-character.txt']) {
      assert.equal(await page.getAttribute(`.doc-entry[data-name="${f}"]`, 'data-state'), 'ready', f);
    }
    for (const f of ['too-large.txt', 'empty.txt', 'png-renamed.txt', 'truncated.docx', 'bomb.docx', 'empty-pages.pdf']) {
      assert.equal(await page.getAttribute(`.doc-entry[data-name="${f}"]`, 'data-state'), 'error', f);
    }
    await page.click('#lang-toggle');
  });

  it('skips a corrupt or newer stored record with a message, and keeps the rest', async () => {
    const stored = await page.$$eval('.doc-entry:not(.seed)', (e) => e.length);
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('unsc-lens');
          open.onsuccess = () => {
            const tx = open.result.transaction('documents', 'readwrite');
            tx.objectStore('documents').put({ id: 9001, v: 1, name: 5 });
            tx.objectStore('documents').put({ id: 9002, v: 99, name: 'from the future', bytes: new Uint8Array([1]), added: 0 });
            tx.oncomplete = () => { open.result.close(); resolve(); };
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    await page.reload();
    await waitForSeedAnalysed(page);
    await page.locator('.restored').waitFor();
    assert.match(await page.textContent('.restored'), /2 条存储记录无法读取/);
    assert.ok((await page.$$eval('.doc-entry:not(.seed)', (e) => e.length)) >= 1);
    assert.ok((await page.$$eval('.doc-entry:not(.seed)', (e) => e.length)) <= stored);
  });

  it('made no request but for its own static files, through load, uploads, analysis and export', async () => {
    await page.click('#tab-corpus');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    assert.match(dl.suggestedFilename(), /\.json$/);
    await page.reload();
    await waitForSeedAnalysed(page);
    const origin = new URL(page.url()).origin;
    const bad = log.requests.filter((u) => {
      if (u.startsWith('blob:') || u.startsWith('data:')) return false;
      const url = new URL(u);
      return url.origin !== origin || !STATIC.has(url.pathname.replace(/^\//, ''));
    });
    assert.deepEqual(bad, []);
    assert.deepEqual(log.pageErrors, []);
  });
});
