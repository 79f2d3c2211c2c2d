import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSeededApp, waitForSeedAnalysed } from './helpers.mjs';

const chipsOf = (page, theme) => page.locator(`#doc .chip[data-theme="${theme}"]`).count();

describe('user-defined themes', () => {
  let app, page, log;

  before(async () => {
    ({ app, page, log } = await openSeededApp());
  });

  after(async () => {
    await app?.close();
  });

  it('deletes a theme and the workspace is re-tagged without it', async () => {
    assert.ok((await chipsOf(page, 'covid')) > 5);
    await page.click('#lexicon-toggle');
    await page.click('.lex-theme[data-theme="covid"] .theme-delete');
    await page.locator('.lex-theme[data-theme="covid"]').waitFor({ state: 'detached' });
    await page.click('#lexicon-toggle');
    await page.locator('#doc .part').first().waitFor();
    assert.equal(await chipsOf(page, 'covid'), 0);
  });

  it('adds a theme whose cues tag paragraphs, with evidence', async () => {
    await page.click('#lexicon-toggle');
    await page.click('#theme-add');
    await page.fill('#theme-id', 'blue_helmets');
    await page.fill('#theme-zh', '蓝盔');
    await page.fill('#theme-en', 'Blue helmets');
    await page.fill('#theme-def', 'Peacekeepers as people.');
    await page.fill('#theme-cues', '维和人员 = 2\n蓝盔 = 2');
    await page.click('#theme-save');
    await page.locator('.lex-theme[data-theme="blue_helmets"]').waitFor();
    await page.click('#lexicon-toggle');
    await page.locator('#doc .chip[data-theme="blue_helmets"]').first().waitFor();
    const cues = await page.$$eval('#doc mark.cue[data-theme="blue_helmets"]', (ms) => [...new Set(ms.map((m) => m.textContent))]);
    assert.ok(cues.includes('维和人员'), cues.join(','));
  });

  it('keeps the user lexicon after a reload', async () => {
    await page.reload();
    await waitForSeedAnalysed(page);
    await page.locator('#doc .chip[data-theme="blue_helmets"]').first().waitFor();
    assert.equal(await chipsOf(page, 'covid'), 0);
  });

  it('exports the lexicon in use as TOML', async () => {
    await page.click('#lexicon-toggle');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#lexicon-export')]);
    const file = path.join(os.tmpdir(), `lexicon-${process.pid}.toml`);
    await download.saveAs(file);
    const text = fs.readFileSync(file, 'utf8');
    fs.unlinkSync(file);
    assert.match(text, /id = "blue_helmets"/);
    assert.doesNotMatch(text, /id = "covid"/);
  });

  it('names the line of a malformed lexicon and keeps the one in use', async () => {
    const bad = path.join(os.tmpdir(), `bad-${process.pid}.toml`);
    fs.writeFileSync(bad, '[[theme]]\nid = "x"\nname_zh = "甲"\nname_en = "A"\ndefinition = "d"\ncolour = "#000000"\n[theme.cues]\n"维和" = "heavy"\n');
    // The page reads the file after the input's event: it stays on disk until then.
    try {
      await page.setInputFiles('#lexicon-file', bad);
      const error = await page.locator('.lexicon-error').textContent();
      assert.match(error, /line 8/);
      assert.ok(await page.locator('.lex-theme[data-theme="blue_helmets"]').count());
    } finally {
      fs.unlinkSync(bad);
    }
  });

  it('restores the default lexicon', async () => {
    await page.click('#lexicon-reset');
    await page.locator('.lex-theme[data-theme="covid"]').waitFor();
    assert.equal(await page.locator('.lex-theme[data-theme="blue_helmets"]').count(), 0);
    await page.reload();
    await waitForSeedAnalysed(page);
    assert.ok((await chipsOf(page, 'covid')) > 5);
    assert.deepEqual(log.pageErrors, []);
  });
});
