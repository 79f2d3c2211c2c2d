import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSeededApp } from './helpers.mjs';

describe('themes with evidence', () => {
  let app, page;

  before(async () => {
    ({ app, page } = await openSeededApp());
  });

  after(async () => {
    await app?.close();
  });

  it('charts each statement\'s theme profile, largest share first', async () => {
    const bars = await page.$$eval('#doc .part[data-annex="9"] .theme-profile .theme-bar', (gs) =>
      gs.map((g) => ({ id: g.dataset.theme, share: Number(g.dataset.share) })),
    );
    assert.ok(bars.length >= 3, JSON.stringify(bars));
    assert.equal(bars[0].id, 'performance');
    for (let i = 1; i < bars.length; i++) assert.ok(bars[i - 1].share >= bars[i].share);
    // The chart has a title and a text alternative naming the shares.
    const label = await page.getAttribute('#doc .part[data-annex="9"] .theme-profile', 'aria-label');
    assert.match(label, /业绩与问责 \d+\.\d%/);
  });

  it('backs every chip with a highlighted cue of the same theme in that paragraph', async () => {
    const rows = await page.$$eval('#doc .para-row', (els) =>
      els.map((row) => ({
        chips: [...row.querySelectorAll('.chip')].map((c) => c.dataset.theme),
        cues: [...row.querySelectorAll('mark.cue')].map((m) => ({ theme: m.dataset.theme, title: m.title, text: m.textContent })),
      })),
    );
    const tagged = rows.filter((r) => r.chips.length > 0);
    assert.ok(tagged.length > 50, `only ${tagged.length} tagged paragraphs`);
    for (const r of tagged) {
      for (const chip of r.chips) {
        assert.ok(r.cues.some((c) => c.theme === chip), `chip ${chip} without a highlighted cue`);
      }
    }
    // A highlight names its theme and cue, and the cue is the highlighted text.
    const cue = rows.flatMap((r) => r.cues).find((c) => c.text === '以行动促维和');
    assert.ok(cue, 'no highlight on 以行动促维和');
    assert.equal(cue.title, '改革与以行动促维和: 以行动促维和');
  });

  it('shows TF-IDF key terms per statement and for the document', async () => {
    const russia = await page.$$eval('#doc .part[data-annex="7"] .key-term', (els) => els.map((e) => e.dataset.term));
    assert.ok(russia.includes('东道国'), russia.join(','));
    const whole = await page.$$eval('#doc .doc-key-terms .key-term', (els) => els.map((e) => e.dataset.term));
    assert.ok(whole.length >= 3, whole.join(','));
    // A term every statement uses is not a key term anywhere.
    const all = await page.$$eval('#doc .part .key-term', (els) => els.map((e) => e.dataset.term));
    assert.ok(!all.includes('联合国'), 'ubiquitous term shown as key term');
  });

  it('filters the reader to the paragraphs that carry a theme', async () => {
    const option = await page.locator('#theme-filter option[value="wps"]').textContent();
    const expected = Number(option.match(/\((\d+)\)/)[1]);
    await page.selectOption('#theme-filter', 'wps');
    const visible = await page.$$eval('#doc .para-row:not([hidden])', (rows) => rows.map((r) => r.dataset.themes));
    assert.equal(visible.length, expected);
    assert.ok(visible.every((t) => t.split(',').includes('wps')), visible.join(' | '));
    await page.selectOption('#theme-filter', '');
    assert.equal(await page.locator('#doc .para-row[hidden]').count(), 0);
  });

  it('names themes in English when the interface is English', async () => {
    await page.click('#lang-toggle');
    const label = await page.getAttribute('#doc .part[data-annex="9"] .theme-profile', 'aria-label');
    assert.match(label, /Performance and accountability \d+\.\d%/);
    await page.click('#lang-toggle');
  });
});
