import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openSeededApp, REPO_ROOT } from './helpers.mjs';

const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures');
const SEED_CODES = ['UN', 'BEL', 'CHN', 'DOM', 'EST', 'FRA', 'RUS', 'GBR', 'USA'];

// The speakers' state codes shown for the document on screen, annex by annex.
async function shownCodes(page) {
  return page.$$eval('#doc .part[data-kind="annex"] .speaker .represents', (els) =>
    els.map((e) => e.getAttribute('data-code')),
  );
}

async function waitForEntry(page, name, state) {
  await page
    .locator(`.doc-entry[data-name="${name}"][data-state="${state}"]`)
    .waitFor({ state: 'attached', timeout: 30_000 });
}

describe('uploading letters', () => {
  let app, page, log;

  before(async () => {
    ({ app, page, log } = await openSeededApp());
  });

  after(async () => {
    await app?.close();
  });

  it('shows the seed structure: speakers, languages, resolutions and meta', async () => {
    assert.deepEqual(await shownCodes(page), SEED_CODES);
    const langs = await page.$$eval('#doc .part[data-kind="annex"]', (els) => els.map((e) => e.dataset.languages));
    assert.deepEqual(langs, ['', 'en,fr', 'zh', 'en,es', '', 'en,fr', 'ru', '', '']);
    assert.equal(await page.textContent('#doc .meta-date dd'), '2020-09-16');
    assert.equal(await page.textContent('#doc .meta-sender dd'), '安全理事会主席 阿卜杜•阿巴里');
    const usa = await page.$$eval('#doc .part[data-annex="9"] .resolution', (els) => els.map((e) => e.dataset.number));
    assert.ok(usa.includes('2436') && usa.includes('2538'), usa.join(','));
  });

  it('reads a GB18030 text file and a Word file picked together', async () => {
    await page.setInputFiles('#file-input', [
      path.join(FIXTURES, 'seed.gb18030.txt'),
      path.join(FIXTURES, 'seed.docx'),
    ]);
    await waitForEntry(page, 'seed.gb18030.txt', 'ready');
    await waitForEntry(page, 'seed.docx', 'ready');

    await page.click('.doc-entry[data-name="seed.gb18030.txt"] .doc-select');
    await page.locator('#doc[data-name="seed.gb18030.txt"]').waitFor();
    assert.deepEqual(await shownCodes(page), SEED_CODES);
    assert.match(await page.textContent('#doc .meta-source dd'), /GB18030/);

    await page.click('.doc-entry[data-name="seed.docx"] .doc-select');
    await page.locator('#doc[data-name="seed.docx"]').waitFor();
    assert.deepEqual(await shownCodes(page), SEED_CODES);
    const persons = await page.$$eval('#doc .speaker .person:not(.none)', (els) => els.map((e) => e.textContent));
    assert.ok(persons.includes('耿爽'), persons.join(','));
    // Counts come from the worker for uploads too.
    const counts = await page.$$eval('#doc .part[data-kind="annex"] .token-count', (els) => els.map((e) => Number(e.textContent)));
    assert.equal(counts.length, 9);
    assert.ok(counts.every((n) => n > 100), counts.join(','));
  });

  it('reads the text layer of a PDF inside the browser (pure-Rust extraction in wasm)', async () => {
    await page.setInputFiles('#file-input', path.join(FIXTURES, 'seed.pdf'));
    await waitForEntry(page, 'seed.pdf', 'ready');
    await page.click('.doc-entry[data-name="seed.pdf"] .doc-select');
    await page.locator('#doc[data-name="seed.pdf"]').waitFor();
    assert.deepEqual(await shownCodes(page), SEED_CODES);
    assert.match(await page.textContent('#doc .meta-source dd'), /Pdf/);
  });

  it('shows an error for a PNG named .txt, in the interface language, and keeps the rest', async () => {
    await page.setInputFiles('#file-input', path.join(FIXTURES, 'broken', 'png-renamed.txt'));
    await waitForEntry(page, 'png-renamed.txt', 'error');
    const message = await page.textContent('.doc-entry[data-name="png-renamed.txt"] .doc-error');
    assert.match(message, /图片/);
    // Everything loaded before is still there.
    const names = await page.$$eval('.doc-entry', (els) => els.map((e) => `${e.dataset.name}:${e.dataset.state}`));
    assert.deepEqual(names, [
      'S-2020-911.zh.txt:ready',
      'seed.gb18030.txt:ready',
      'seed.docx:ready',
      'seed.pdf:ready',
      'png-renamed.txt:error',
    ]);
    await page.click('.doc-entry.seed .doc-select');
    await page.locator('#doc[data-symbol="S/2020/911"]').waitFor();
    assert.equal(await page.locator('#doc .part').count(), 10);
    assert.equal(await page.getAttribute('#status', 'data-state'), 'ready');
  });

  it('explains an empty file in English when the interface is English', async () => {
    await page.click('#lang-toggle');
    await page.setInputFiles('#file-input', path.join(FIXTURES, 'broken', 'empty.txt'));
    await waitForEntry(page, 'empty.txt', 'error');
    const message = await page.textContent('.doc-entry[data-name="empty.txt"] .doc-error');
    assert.match(message, /The file is empty/);
    await page.click('#lang-toggle');
  });

  it('logged no page errors and made no request elsewhere', () => {
    assert.deepEqual(log.pageErrors, []);
    const origin = new URL(app.url).origin;
    assert.deepEqual(log.requests.filter((u) => !u.startsWith(origin)), []);
  });
});
