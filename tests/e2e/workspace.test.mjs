// The comparison workspace: several letters in, compared with the seed, read with
// evidence, exported, kept across reloads.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSeededApp, waitForSeedAnalysed, REPO_ROOT } from './helpers.mjs';

const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures');
const GB = 'single-annex.gb18030.txt';
const EN = 'english-letter.txt';

async function waitForEntry(page, name, state = 'ready') {
  await page
    .locator(`.doc-entry[data-name="${name}"][data-state="${state}"]`)
    .waitFor({ state: 'attached', timeout: 30_000 });
}

async function entryId(page, name) {
  return page.getAttribute(`.doc-entry[data-name="${name}"]`, 'data-id');
}

// RFC 4180 rows (quoted fields may hold commas, quotes and line breaks).
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

function g2(a, b, na, nb) {
  const ea = (na * (a + b)) / (na + nb);
  const eb = (nb * (a + b)) / (na + nb);
  const part = (o, e) => (o > 0 ? o * Math.log(o / e) : 0);
  return 2 * (part(a, ea) + part(b, eb));
}

describe('the comparison workspace', () => {
  let app, page, log;

  before(async () => {
    ({ app, page, log } = await openSeededApp());
  });

  after(async () => {
    await app?.close();
  });

  it('takes two letters at once, one in GB18030, each with its statements', async () => {
    await page.setInputFiles('#file-input', [path.join(FIXTURES, GB), path.join(FIXTURES, EN)]);
    await waitForEntry(page, GB);
    await waitForEntry(page, EN);
    await page.click('#tab-corpus');
    const docs = await page.$$eval('#corpus tbody.corpus-doc', (els) => els.map((e) => e.dataset.symbol));
    assert.deepEqual(docs, ['S/2020/911', 'S/2021/213', 'S/2021/999']);
    const codes = (symbol) =>
      page.$$eval(`#corpus tbody[data-symbol="${symbol}"] tr.statement-row`, (rows) =>
        rows.map((r) => r.dataset.code ?? ''),
      );
    assert.deepEqual(await codes('S/2020/911'), ['', 'UN', 'BEL', 'CHN', 'DOM', 'EST', 'FRA', 'RUS', 'GBR', 'USA']);
    assert.deepEqual(await codes('S/2021/213'), ['', 'CHN']);
    assert.deepEqual(await codes('S/2021/999'), ['', 'EST', 'CHN', 'VNM']);
    // Every statement row names its length and up to three themes.
    const words = await page.$$eval('#corpus tbody[data-symbol="S/2021/213"] td.words', (t) => t.map((x) => +x.textContent));
    assert.ok(words[1] > 100, words.join(','));
    const themes = await page.$$('#corpus tbody[data-symbol="S/2021/213"] tr.statement-row[data-code="CHN"] .top-themes .chip');
    assert.ok(themes.length >= 1 && themes.length <= 3);
  });

  it('compares the new letter with the seed: theme chart, keyness that holds up, similarity', async () => {
    const id = await entryId(page, GB);
    await page.goto(page.url().split('#')[0] + `#/compare/${id}/1`);
    await page.locator('#compare-chart .delta-row').first().waitFor();
    const compare = page.locator('#compare');
    assert.equal(await compare.getAttribute('data-a'), id);
    assert.equal(await compare.getAttribute('data-b'), '1');
    const na = +(await compare.getAttribute('data-words-a'));
    const nb = +(await compare.getAttribute('data-words-b'));
    assert.ok(na > 100 && nb > 10 * na, `${na} ${nb}`);
    // The chart has a title and a text alternative naming both texts.
    const label = await page.getAttribute('#compare-chart', 'aria-label');
    assert.match(label, /S\/2021\/213/);
    assert.match(label, /S\/2020\/911/);

    const rows = (side) =>
      page.$$eval(`table.keyness[data-side="${side}"] tr.keyness-row`, (trs) =>
        trs.map((t) => ({ term: t.dataset.term, g2: +t.dataset.g2, a: +t.dataset.a, b: +t.dataset.b })),
      );
    const moreA = await rows('a');
    const moreB = await rows('b');
    assert.ok(moreA.length >= 5 && moreA.length <= 30, `${moreA.length}`);
    assert.ok(moreB.length >= 5 && moreB.length <= 30, `${moreB.length}`);
    for (const r of moreA.slice(0, 5)) {
      // Really more frequent in A, significantly, and G² as computed independently here.
      assert.ok(r.a / na > r.b / nb, JSON.stringify(r));
      assert.ok(r.g2 >= 3.84, JSON.stringify(r));
      assert.ok(Math.abs(r.g2 - g2(r.a, r.b, na, nb)) < 0.01, JSON.stringify(r));
    }
    // A short letter against a long one: few terms are significantly rarer in it, so the
    // B side is checked for direction and value only.
    for (const r of moreB.slice(0, 5)) {
      assert.ok(r.b / nb > r.a / na, JSON.stringify(r));
      assert.ok(r.g2 < 0, JSON.stringify(r));
      assert.ok(Math.abs(-r.g2 - g2(r.a, r.b, na, nb)) < 0.01, JSON.stringify(r));
    }
    // Sorted by strength.
    assert.deepEqual(moreA.map((r) => r.g2), [...moreA.map((r) => r.g2)].sort((x, y) => y - x));
    // Same topic, same language: similar, not identical.
    const cos = +(await page.getAttribute('#cosine', 'data-value'));
    assert.ok(cos > 0.2 && cos < 0.95, `${cos}`);
    // China speaks in both: its two statements side by side with their profiles.
    const pairs = await page.$$eval('#compare .pair', (els) => els.map((e) => e.dataset.code));
    assert.deepEqual(pairs, ['CHN']);
    assert.equal(await page.locator('#compare .pair .pair-side').count(), 2);
    assert.equal(await page.locator('#compare .pair .theme-profile').count(), 2);
    // Shared and new terms are listed.
    assert.ok((await page.locator('#shared-terms li').count()) > 5);
    assert.ok((await page.locator('#only-a-terms li').count()) > 0);
    assert.equal(await page.locator('#languages-differ').count(), 0);
    // An English letter against the Chinese seed: the word lists are flagged as such.
    const en = await entryId(page, EN);
    await page.goto(page.url().split('#')[0] + `#/compare/${en}/1`);
    await page.locator('#languages-differ').waitFor();
    // Only the odd Latin token the seed also has (COVID) is shared.
    assert.ok(+(await page.getAttribute('#cosine', 'data-value')) < 0.01);
  });

  it('exports the keyness table as CSV with a BOM, matching the screen', async () => {
    await page.goto(page.url().split('#')[0] + `#/compare/${await entryId(page, GB)}/1`);
    await page.locator('table.keyness[data-side="a"] tr.keyness-row').first().waitFor();
    const { name, bytes } = await download(page, '#export-keyness-csv');
    assert.match(name, /S-2021-213/);
    assert.match(name, /S-2020-911/);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1)).filter((r) => r.length > 1);
    const header = rows[0];
    const term = header.indexOf('term');
    assert.ok(term >= 0, header.join(','));
    const onScreen = await page.$$eval('table.keyness[data-side="a"] tr.keyness-row', (t) => t.map((r) => r.dataset.term));
    const inCsv = rows.slice(1).map((r) => r[term]);
    assert.deepEqual(inCsv.slice(0, onScreen.length), onScreen);
  });

  it('finds 维和 across the workspace with its speakers, and opens the reader at a hit', async () => {
    await page.click('#tab-kwic');
    await page.fill('#kwic-input', '维和');
    await page.click('#kwic-submit');
    await page.locator('.kwic-row').first().waitFor();
    assert.match(page.url(), /#\/kwic\/%E7%BB%B4%E5%92%8C$/);
    const hits = await page.$$eval('.kwic-row', (rows) =>
      rows.map((r) => ({
        hit: r.querySelector('.hit').textContent,
        speaker: r.querySelector('.kwic-speaker').textContent,
        code: r.dataset.code ?? '',
        doc: r.querySelector('.doc').textContent,
        left: r.querySelector('.left').textContent,
      })),
    );
    const count = +(await page.getAttribute('.kwic-count', 'data-count'));
    assert.equal(hits.length, Math.min(count, 1000));
    assert.ok(hits.every((h) => h.hit === '维和'));
    // The seed's Chinese statement and the uploaded Chinese letter both speak of it.
    assert.ok(hits.some((h) => h.doc === 'S/2020/911' && h.code === 'CHN' && h.speaker.includes('中国')));
    assert.ok(hits.some((h) => h.doc === 'S/2021/213' && h.code === 'CHN'));
    // The English letter has no Chinese term.
    assert.ok(!hits.some((h) => h.doc === 'S/2021/999'));
    // The count is what the seed's paragraphs hold plus the upload's: every one found.
    const seedText = fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'S-2020-911.zh.txt'), 'utf8');
    assert.ok(count <= seedText.split('维和').length - 1 + 20);
    // Sorting by left context reorders rows by the character just before the hit.
    await page.selectOption('#kwic-sort', 'left');
    const lefts = await page.$$eval('.kwic-row .left', (c) => c.map((x) => [...x.textContent].reverse().join('')));
    assert.deepEqual(lefts, [...lefts].sort());

    const first = page.locator('.kwic-row').first();
    const part = await first.getAttribute('data-part');
    const para = await first.getAttribute('data-para');
    await first.click();
    const target = page.locator(`#p-${part}-${para}.target`);
    await target.waitFor();
    assert.match(await target.textContent(), /维和/);
    assert.match(page.url(), new RegExp(`#/reader/\\d+/${part}\\.${para}$`));
  });

  it('shows the theme matrix; a cell opens its paragraphs; the CSV matches the screen', async () => {
    await page.click('#tab-themes');
    await page.locator('#theme-matrix .heat-row').first().waitFor();
    const screen = await page.$$eval('#theme-matrix .heat-row', (rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('.heat-cell'), (c) => ({ theme: c.dataset.theme, share: +c.dataset.share, pct: c.dataset.pct }))),
    );
    assert.equal(screen.length, 10 + 2 + 4);
    const { name, bytes } = await download(page, '#export-matrix-csv');
    assert.match(name, /^unsc-lens-themes-S-2020-911.*\.csv$/);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1)).filter((r) => r.length > 1);
    const header = rows[0];
    assert.equal(rows.length - 1, screen.length);
    screen.forEach((cells, i) => {
      for (const c of cells) {
        const col = header.indexOf(c.theme);
        assert.ok(col >= 0, c.theme);
        assert.equal(rows[i + 1][col], c.pct, `row ${i} ${c.theme}`);
      }
    });
    // China's statement in the seed (row 3), its strongest theme: the cell lists exactly
    // the paragraphs tagged with it, each marked with that theme's cues.
    const china = screen[3].filter((c) => c.share > 0).sort((x, y) => y.share - x.share)[0];
    await page.click(`#theme-matrix .heat-row[data-row="3"] .heat-cell[data-theme="${china.theme}"]`);
    const panel = page.locator('#matrix-evidence');
    await panel.waitFor();
    const paras = await panel.locator('.evidence-para').count();
    assert.ok(paras >= 1);
    assert.ok((await panel.locator('.evidence-para').first().locator(`mark.cue[data-theme="${china.theme}"]`).count()) > 0);
    assert.equal(await panel.locator(`mark.cue:not([data-theme="${china.theme}"])`).count(), 0);
    // The share on screen is those paragraphs over the statement's paragraphs.
    await panel.locator('.open-reader').first().click();
    await page.locator('#doc .para-row.target').waitFor();
    const all = await page.locator('#doc .part[data-annex="3"] .para-row').count();
    assert.ok(Math.abs(paras / all - china.share) < 1e-3, `${paras}/${all} vs ${china.share}`);
  });

  it('downloads the charts as standalone SVG', async () => {
    await page.click('#tab-themes');
    const { name, bytes } = await download(page, '#export-matrix-svg');
    assert.match(name, /\.svg$/);
    const svg = bytes.toString('utf8');
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /<title>/);
    assert.match(svg, /中国/);
  });

  it('lists which statement cites which resolution; an entity link in the reader leads there', async () => {
    await page.click('#tab-resolutions');
    const cols = await page.$$eval('.res-matrix th.res-col', (t) => t.map((x) => x.dataset.number));
    for (const n of ['2436', '2518', '2538']) assert.ok(cols.includes(n), cols.join(','));
    // The uploaded Chinese letter cites 2518 once.
    const cell = page.locator('.res-row[data-doc] .res-cell[data-number="2518"]');
    assert.ok((await cell.count()) >= 2);
    await page.click('#tab-reader');
    await page.click('.doc-entry[data-name="S-2020-911.zh.txt"] .doc-select');
    await page.locator('#doc a.entity[data-kind="resolution"][data-key="2436"]').first().click();
    await page.locator('.res-matrix th.res-col.focus[data-number="2436"]').waitFor();
  });

  it('shows the word boundaries on request', async () => {
    await page.click('#tab-reader');
    await page.check('#seg-toggle');
    await page.locator('#doc .para.segmented .tok').first().waitFor();
    const words = await page.$$eval('#doc .part[data-annex="3"] .para.segmented', (ps) =>
      Array.from(ps[0].querySelectorAll('.tok'), (t) => t.textContent),
    );
    assert.equal(words[0], '感谢');
    assert.ok(words.includes('拉克鲁瓦') || words.includes('副秘书长'), words.slice(0, 12).join('|'));
    await page.uncheck('#seg-toggle');
    assert.equal(await page.locator('#doc .para.segmented').count(), 0);
  });

  it('exports the analysed workspace as JSON', async () => {
    await page.click('#tab-corpus');
    const { name, bytes } = await download(page, '#export-json');
    assert.match(name, /^unsc-lens-S-2020-911.*\.json$/);
    const json = JSON.parse(bytes.toString('utf8'));
    assert.equal(json.schema, 'unsc-lens/workspace/1');
    assert.deepEqual(json.documents.map((d) => d.meta.symbol), ['S/2020/911', 'S/2021/213', 'S/2021/999']);
    assert.equal(json.documents[0].parts.length, 10);
  });

  it('keeps both uploads and a new name across a reload; removing one leaves the other', async () => {
    await page.click(`.doc-entry[data-name="${EN}"] .doc-rename`);
    await page.fill('.rename-input', 'letter-2021-05.txt');
    await page.press('.rename-input', 'Enter');
    await waitForEntry(page, 'letter-2021-05.txt');
    await page.reload();
    await waitForSeedAnalysed(page);
    await waitForEntry(page, GB);
    await waitForEntry(page, 'letter-2021-05.txt');
    assert.equal(await page.locator('.doc-entry').count(), 3);
    assert.match(await page.textContent('.restored'), /2/);

    await page.click(`.doc-entry[data-name="${GB}"] .doc-remove`);
    assert.equal(await page.locator(`.doc-entry[data-name="${GB}"]`).count(), 0);
    await page.reload();
    await waitForSeedAnalysed(page);
    await waitForEntry(page, 'letter-2021-05.txt');
    assert.equal(await page.locator('.doc-entry').count(), 2);
    assert.equal(await page.locator(`.doc-entry[data-name="${GB}"]`).count(), 0);
  });

  it('takes pasted text and dropped files', async () => {
    await page.click('.paste summary');
    await page.fill('#paste-text', fs.readFileSync(path.join(FIXTURES, 'prst.zh.txt'), 'utf8'));
    await page.click('#paste-submit');
    const pasted = page.locator('.doc-entry[data-state="ready"]').nth(2);
    await pasted.waitFor();
    assert.match(await pasted.getAttribute('data-name'), /\.txt$/);
    assert.match(await pasted.textContent(), /S\/PRST\/2021\/5/);

    const text = fs.readFileSync(path.join(FIXTURES, 'single-annex.zh.txt'), 'utf8');
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.txt', { type: 'text/plain' }));
      const target = document.querySelector('#doc');
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, text);
    await waitForEntry(page, 'dropped.txt');
    assert.equal(await page.locator('.doc-entry').count(), 4);
  });

  it('clears the workspace only after confirmation; the seed stays', async () => {
    page.once('dialog', (d) => d.dismiss());
    await page.click('#workspace-reset');
    assert.equal(await page.locator('.doc-entry').count(), 4);
    page.once('dialog', (d) => d.accept());
    await page.click('#workspace-reset');
    await page.locator('.doc-entry').nth(1).waitFor({ state: 'detached' });
    assert.equal(await page.locator('.doc-entry').count(), 1);
    await page.reload();
    await waitForSeedAnalysed(page);
    assert.equal(await page.locator('.doc-entry').count(), 1);
  });

  it('speaks English in every view when asked', async () => {
    await page.click('#lang-toggle');
    await page.click('#tab-compare');
    await page.locator('.empty-state').waitFor();
    assert.match(await page.textContent('.empty-state'), /Drop in another Security Council letter/);
    assert.equal(await page.textContent('#tab-themes'), 'Theme matrix');
    await page.click('#lang-toggle');
  });

  it('logged no errors and asked nothing of another origin', () => {
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
    const origin = new URL(page.url()).origin;
    assert.deepEqual(log.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  });
});
