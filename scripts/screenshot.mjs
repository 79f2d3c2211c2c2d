// Saves docs/screenshot.png of the built app (dist/): a letter uploaded beside the seed and
// compared with it.
// Usage: node scripts/screenshot.mjs [--out docs/screenshot.png]
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, startApp, openPage, waitForSeedAnalysed } from '../tests/e2e/helpers.mjs';

const outArg = process.argv.indexOf('--out');
const out = path.resolve(REPO_ROOT, outArg > 0 ? process.argv[outArg + 1] : 'docs/screenshot.png');

const app = await startApp();
try {
  const { page, log } = await openPage(app.browser, app.url, { viewport: { width: 1280, height: 900 } });
  await waitForSeedAnalysed(page);
  await page.setInputFiles('#file-input', path.join(REPO_ROOT, 'tests/fixtures/single-annex.gb18030.txt'));
  await page.locator('.doc-entry[data-state="ready"]').nth(1).waitFor();
  await page.click('#tab-compare');
  await page.locator('#compare-chart').waitFor();
  // Web fonts may still be swapping in after the status flips.
  await page.evaluate(() => document.fonts.ready);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  const problems = [...log.pageErrors, ...log.consoleErrors];
  if (problems.length) console.warn(`warning: the page reported errors:\n  ${problems.join('\n  ')}`);
  console.log(`wrote ${path.relative(process.cwd(), out) || out}`);
} finally {
  await app.close();
}
