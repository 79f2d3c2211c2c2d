import path from 'node:path';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
// E2E_DIST lets the suite run against another build (e.g. a release artefact).
export const DIST = path.resolve(process.env.E2E_DIST ?? path.join(REPO_ROOT, 'dist'));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function assertDistBuilt() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: build the app with trunk first`);
  }
}

// `extraArgs`: more Chromium flags (the browser benchmark tags its browsers).
export function launchBrowser(extraArgs = []) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

// Starts the static server and a browser; `close()` tears both down.
export async function startApp({ base = '/', root = DIST } = {}) {
  if (root === DIST) assertDistBuilt();
  const server = await startServer({ root, base });
  let browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    server,
    browser,
    url: server.url,
    origin: new URL(server.url).origin,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

// Opens a page in a fresh context and records everything the tests check at the end:
// console errors, uncaught page errors, every request URL and every HTTP error response.
export async function openPage(browser, url, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const log = { consoleErrors: [], pageErrors: [], requests: [], failedResponses: [], failedRequests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(`${msg.text()} [${msg.location().url}]`);
  });
  page.on('pageerror', (err) => log.pageErrors.push(String(err?.stack ?? err)));
  // context-level so that Web Worker requests are seen as well.
  context.on('request', (req) => log.requests.push(req.url()));
  context.on('response', (res) => {
    if (res.status() >= 400) log.failedResponses.push(`${res.status()} ${res.url()}`);
  });
  context.on('requestfailed', (req) => log.failedRequests.push(`${req.url()} ${req.failure()?.errorText}`));
  if (url) await page.goto(url, { waitUntil: 'load' });
  return { context, page, log };
}

export async function waitForSeedAnalysed(page, { timeout = 30_000 } = {}) {
  await page.locator('#status[data-state="ready"]').waitFor({ state: 'attached', timeout });
}

// The common start of a suite: the app served at `base`, a page opened on it, the seed
// analysed. Returns what startApp and openPage return together.
export async function openSeededApp({ base = '/' } = {}) {
  const app = await startApp({ base });
  try {
    const opened = await openPage(app.browser, app.url);
    await waitForSeedAnalysed(opened.page);
    return { app, ...opened };
  } catch (err) {
    await app.close();
    throw err;
  }
}
