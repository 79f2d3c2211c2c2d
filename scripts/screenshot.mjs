// Saves docs/screenshot.png of the built app (dist/) once the seed is analysed.
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
