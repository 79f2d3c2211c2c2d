import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, waitForSeedAnalysed } from './helpers.mjs';

const ANNEX_LABELS = ['附件一', '附件二', '附件三', '附件四', '附件五', '附件六', '附件七', '附件八', '附件九'];
const ANNEX_HEADINGS = [
  ['拉克鲁瓦'],
  ['比利时'],
  ['中国'],
  ['多米尼加共和国'],
  ['爱沙尼亚'],
  ['法国'],
  ['俄罗斯联邦'],
  // In the seed this heading is split across two lines; it must be rejoined on screen.
  ['大不列颠及北爱尔兰联合王国', '詹姆斯·保罗·罗斯科的发言'],
  ['美利坚合众国'],
];
const STOPWORDS = new Set(['的', '我们', '以及', '和', '在', '了', '是']);
const HAN = /\p{Script=Han}/u;

// No punctuation, symbols or spaces, except a joiner inside a Latin/numeric term
// (COVID-19, A.4): such a term is one word, not a punctuation token.
const WORD = /^[\p{L}\p{N}\p{M}]+(?:[-.'’][\p{L}\p{N}\p{M}]+)*$/u;
const HAN_JOINER = /\p{Script=Han}[-.'’]|[-.'’]\p{Script=Han}/u;
const isWordLike = (word) => WORD.test(word) && !HAN_JOINER.test(word);

// Largest integer in a text, allowing thousands separators ("12,345 tokens").
function numberIn(text) {
  const nums = (text.match(/\d{1,3}(?:,\d{3})+|\d+/g) ?? []).map((n) => Number(n.replaceAll(',', '')));
  return nums.length ? Math.max(...nums) : NaN;
}

// Records every data-state value #status takes, from the very first render on.
function recordStatusStates() {
  window.__statusStates = [];
  const note = () => {
    const s = document.getElementById('status')?.getAttribute('data-state') ?? null;
    const seen = window.__statusStates;
    if (s !== null && seen[seen.length - 1] !== s) seen.push(s);
  };
  new MutationObserver(note).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state'],
  });
}

function assertOnlySameOrigin(requests, origin) {
  assert.ok(requests.length > 0, 'no requests were recorded');
  const foreign = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], `requests left ${origin}`);
}

describe('UNSC Lens, served at /', () => {
  let app, page, log, context;

  before(async () => {
    app = await startApp({ base: '/' });
    ({ page, log, context } = await openPage(app.browser, null));
    await page.addInitScript(recordStatusStates);
    await page.goto(app.url, { waitUntil: 'load' });
    await waitForSeedAnalysed(page);
  });

  after(async () => {
    await context?.close();
    await app?.close();
  });

  it('is a Chinese page with the bilingual title', async () => {
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    const h1 = page.locator('header h1');
    assert.equal(await h1.count(), 1);
    assert.ok(await h1.isVisible(), 'header h1 is not visible');
    const title = await h1.innerText();
    assert.match(title, /UNSC Lens/);
    assert.match(title, /安理会文件透镜/);
  });

  it('is ready at its first render with the seed analysis shipped with the page', async () => {
    // The seed's analysis is computed at development time (tests/seed_cache.rs), so the
    // status never waits for the worker's dictionary.
    const states = await page.evaluate(() => window.__statusStates);
    assert.deepEqual([...new Set(states)], ['ready'], `status states seen: ${states.join(' → ')}`);
    assert.match(await page.locator('#status').innerText(), /预先算好/);
    const status = page.locator('#status');
    assert.ok(await status.isVisible(), '#status is not visible');
    const text = await status.innerText();
    assert.ok(numberIn(text) > 100, `#status has no token count: ${JSON.stringify(text)}`);
  });

  it('splits S/2020/911 into a cover and nine annexes in order', async () => {
    const doc = page.locator('#doc[data-symbol="S/2020/911"]');
    assert.equal(await doc.count(), 1, 'no #doc[data-symbol="S/2020/911"]');
    assert.ok(await doc.isVisible(), '#doc is not visible');
    const parts = await doc.locator('.part').evaluateAll((els) =>
      els.map((e) => ({ kind: e.dataset.kind, annex: e.dataset.annex ?? null })),
    );
    assert.deepEqual(parts, [
      { kind: 'cover', annex: null },
      ...ANNEX_LABELS.map((_, i) => ({ kind: 'annex', annex: String(i + 1) })),
    ]);
  });

  // Parts below the first screen are not rendered until scrolled to (content-visibility:
  // auto, issue #6), so their text is read from the DOM, not as rendered text.
  it('labels each annex and shows its speaker heading', async () => {
    const annexes = page.locator('#doc .part[data-kind="annex"]');
    const labels = (await annexes.locator('.part-label').allTextContents()).map((t) => t.trim());
    assert.deepEqual(labels, ANNEX_LABELS);
    const headings = await annexes.locator('.part-heading').allTextContents();
    assert.equal(headings.length, 9, `headings: ${JSON.stringify(headings)}`);
    headings.forEach((h, i) => {
      // Every speaker line in the seed ends so; anything after it means the first paragraph leaked in.
      assert.ok(h.trim().endsWith('的发言'), `annex ${i + 1} heading does not end with 的发言: ${JSON.stringify(h)}`);
      for (const needle of ANNEX_HEADINGS[i]) {
        assert.ok(h.includes(needle), `annex ${i + 1} heading ${JSON.stringify(h)} lacks ${needle}`);
      }
    });
  });

  it('shows a token count and ten top words per annex', async () => {
    const annexes = page.locator('#doc .part[data-kind="annex"]');
    for (let i = 0; i < 9; i++) {
      const part = annexes.nth(i);
      const where = `annex ${i + 1}`;
      const countText = (await part.locator('.token-count').textContent()).trim();
      assert.match(countText, /^\d+$/, `${where} .token-count is not an integer: ${JSON.stringify(countText)}`);
      assert.ok(Number(countText) > 100, `${where} has only ${countText} tokens`);

      const items = part.locator('.top-words li.top-word');
      const words = await items.evaluateAll((els) =>
        els.map((e) => ({ word: e.dataset.word ?? '', count: e.dataset.count ?? '', text: e.textContent })),
      );
      assert.equal(words.length, 10, `${where} has ${words.length} top words`);
      for (const { word, count, text } of words) {
        assert.ok(word.length > 0, `${where}: empty data-word`);
        assert.ok(isWordLike(word), `${where}: punctuation in top word ${JSON.stringify(word)}`);
        assert.doesNotMatch(word, /^\p{Nd}+$/u, `${where}: number as top word ${word}`);
        assert.ok(!STOPWORDS.has(word), `${where}: stopword ${word} among top words`);
        assert.match(count, /^\d+$/, `${where}: data-count of ${word} is ${JSON.stringify(count)}`);
        assert.ok(Number(count) >= 2, `${where}: ${word} occurs only ${count} times`);
        assert.ok(text.includes(word), `${where}: top word ${word} is not displayed (text ${JSON.stringify(text)})`);
      }
      const counts = words.map((w) => Number(w.count));
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a), `${where}: top words not sorted by count`);
      if (i === 2) {
        assert.ok(
          words.some((w) => w.word === '维和'),
          `China's top words lack 维和: ${words.map((w) => w.word).join(' ')}`,
        );
      }
    }
  });

  it('drops page furniture and rejoins paragraphs split by page breaks', async () => {
    // The job number is shown once, as metadata; it must not remain in the letter's text.
    assert.equal(await page.textContent('#doc .meta-job dd'), '20-12063');
    const partsText = (await page.locator('#doc .part').allTextContents()).join('\n');
    assert.ok(!partsText.includes('20-12063'), 'job number 20-12063 is displayed in the text');
    const paras = await page.locator('#doc .para').allTextContents();
    assert.ok(paras.length > 50, `only ${paras.length} .para elements`);
    const withSymbol = paras.filter((p) => p.includes('S/2020/911'));
    assert.deepEqual(withSymbol, [], 'document symbol running header left in paragraphs');

    const annex1 = await page.locator('#doc .part[data-annex="1"] .para').allTextContents();
    assert.ok(
      annex1.some((p) => p.includes('提高联合国维和人员安全与安保的措施')),
      'annex 1 paragraph split by the page break was not rejoined',
    );
    const annex9 = await page.locator('#doc .part[data-annex="9"] .para').allTextContents();
    assert.ok(
      annex9.some((p) => p.includes('我们完全支持这些由数据驱动的办法')),
      'annex 9 paragraph split by the page break was not rejoined',
    );
  });

  it('logged no errors and stayed on its own origin', () => {
    assert.deepEqual(log.failedResponses, [], 'HTTP error responses');
    assert.deepEqual(log.failedRequests, [], 'failed requests');
    assert.deepEqual(log.pageErrors, [], 'page errors');
    assert.deepEqual(log.consoleErrors, [], 'console errors');
    assertOnlySameOrigin(log.requests, app.origin);
  });
});

describe('language toggle', () => {
  let app;

  before(async () => {
    app = await startApp({ base: '/' });
  });

  after(async () => {
    await app?.close();
  });

  it('switches to English, survives a reload, and switches back', async () => {
    const { context, page, log } = await openPage(app.browser, app.url);
    try {
      await waitForSeedAnalysed(page);
      const html = page.locator('html');
      const status = page.locator('#status');
      assert.equal(await html.getAttribute('lang'), 'zh-CN');
      assert.ok(HAN.test(await status.innerText()), 'Chinese status expected by default');

      await page.locator('#lang-toggle').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 5_000 });
      const en = await status.innerText();
      assert.match(en, /tokens/, `English status: ${JSON.stringify(en)}`);
      assert.ok(!HAN.test(en), `status still has Chinese: ${JSON.stringify(en)}`);

      await page.reload({ waitUntil: 'load' });
      await waitForSeedAnalysed(page);
      assert.equal(await html.getAttribute('lang'), 'en', 'language choice lost on reload');
      assert.match(await status.innerText(), /tokens/);

      await page.locator('#lang-toggle').click();
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', null, { timeout: 5_000 });
      const zh = await status.innerText();
      assert.ok(HAN.test(zh) && !/tokens/.test(zh), `status not back in Chinese: ${JSON.stringify(zh)}`);

      assert.deepEqual(log.failedResponses, [], 'HTTP error responses');
      assert.deepEqual(log.pageErrors, [], 'page errors');
      assert.deepEqual(log.consoleErrors, [], 'console errors');
      assertOnlySameOrigin(log.requests, app.origin);
    } finally {
      await context.close();
    }
  });
});
