// GitHub Pages serves a project site under /<repo>/, so every asset URL must be relative.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, REPO_ROOT, assertDistBuilt, startApp, openPage, waitForSeedAnalysed } from './helpers.mjs';

const BASE = '/unsc-lens/';

function listFiles(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

// Root-absolute references ("/x" or "//host/x") that break under a sub-path.
// Besides HTML attributes, trunk's inline loader and wasm-bindgen glue reference
// assets from JS (import specifiers, init paths, workers, fetch), so those count too.
const ABSOLUTE_REFS = [
  /\b(?:src|href|action|poster|srcset)\s*=\s*["']\/[^"']*/gi,
  /\bfrom\s*["']\/[^"']*["']/g,
  /\bimport\s*\(\s*["']\/[^"']*["']/g,
  /\b(?:module_or_path|module_or_path_or_url)\s*:\s*["']\/[^"']*["']/g,
  /\b(?:new\s+(?:URL|Worker|SharedWorker)|fetch|importScripts|init)\s*\(\s*["']\/[^"']*["']/g,
];

function absoluteRefs(text) {
  return ABSOLUTE_REFS.flatMap((re) => text.match(re) ?? []);
}

describe('dist/ has no root-absolute asset URLs', () => {
  it('detector catches what it should and nothing else', () => {
    assert.deepEqual(absoluteRefs('<link rel="stylesheet" href="/style-1.css">'), ['href="/style-1.css']);
    assert.deepEqual(absoluteRefs(`<script src='//cdn.example/x.js'></script>`), [`src='//cdn.example/x.js`]);
    assert.equal(absoluteRefs(`import init from '/app-1.js';`).length, 1);
    assert.equal(absoluteRefs(`await init({ module_or_path: '/app_bg.wasm' })`).length, 1);
    assert.equal(absoluteRefs(`new Worker('/worker.js')`).length, 1);
    assert.deepEqual(
      absoluteRefs(`<link href="./style-1.css"><script type="module">import init from './app-1.js';
        await init({ module_or_path: './app_bg.wasm' }); new Worker(new URL('./w.js', import.meta.url));</script>
        <a href="https://un.org/">x</a> const re = /a\\/b/; x = y / 2;`),
      [],
    );
  });

  it('index.html and every .js in dist/', () => {
    assertDistBuilt();
    const files = listFiles(DIST).filter((f) => /\.(?:html|m?js)$/.test(f));
    assert.ok(files.some((f) => f.endsWith('.js')), 'dist/ has no .js file');
    const found = files.flatMap((f) =>
      absoluteRefs(fs.readFileSync(f, 'utf8')).map((ref) => `${path.relative(DIST, f)}: ${ref}`),
    );
    assert.deepEqual(found, []);
  });
});

// dist/ has relative URLs; dist-pages/ is built with --public-url /unsc-lens/ exactly as the
// GitHub Pages workflow builds it (scripts/test builds both).
const BUILDS = [
  ['dist/', DIST],
  ['dist-pages/', path.join(REPO_ROOT, 'dist-pages')],
];

for (const [label, root] of BUILDS) {
  const built = fs.existsSync(path.join(root, 'index.html'));
  describe(`UNSC Lens (${label}), served at ${BASE}`, { skip: !built && `${label} not built` }, () => {
    let app;

    before(async () => {
      app = await startApp({ base: BASE, root });
    });

    after(async () => {
      await app?.close();
    });

    it('analyses the seed and shows the nine headings', async () => {
      assert.ok(app.url.endsWith(BASE));
      const { context, page, log } = await openPage(app.browser, app.url);
      try {
        await waitForSeedAnalysed(page);
        const headings = await page.locator('#doc .part[data-kind="annex"] .part-heading').allTextContents();
        assert.equal(headings.length, 9, `headings: ${JSON.stringify(headings)}`);
        assert.ok(headings.every((h) => h.trim().length > 0), 'empty heading');
        assert.ok(await page.locator('#doc .part[data-annex="9"] .part-heading').isVisible());

        assert.deepEqual(log.failedResponses, [], 'HTTP error responses');
        assert.deepEqual(log.failedRequests, [], 'failed requests');
        assert.deepEqual(log.pageErrors, [], 'page errors');
        assert.deepEqual(log.consoleErrors, [], 'console errors');
        assert.ok(log.requests.length > 0);
        const outside = log.requests.filter((u) => {
          const url = new URL(u);
          // blob: worker URLs carry the page's origin but have no path of their own.
          if (url.protocol === 'blob:') return url.origin !== app.origin;
          return url.origin !== app.origin || !url.pathname.startsWith(BASE);
        });
        assert.deepEqual(outside, [], `requests outside ${BASE}`);
      } finally {
        await context.close();
      }
    });
  });
}
