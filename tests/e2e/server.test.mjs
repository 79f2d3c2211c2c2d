// The e2e results are only as good as the server imitating GitHub Pages, so check it directly.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import { startServer } from './server.mjs';

// Raw request so that paths like /../ reach the server unnormalised, unlike fetch().
function get(url, pathname, headers = {}) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    http.get({ hostname, port, path: pathname, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('static server', () => {
  let dir, root, server;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unsc-lens-server-'));
    root = path.join(dir, 'dist');
    fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><p>首页</p>');
    fs.writeFileSync(path.join(root, 'sub', 'index.html'), '<p>sub</p>');
    fs.writeFileSync(path.join(root, 'app.js'), 'export {};');
    fs.writeFileSync(path.join(root, 'app_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    fs.writeFileSync(path.join(root, 'a b.css'), 'p{}');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside root');
    server = await startServer({ root, base: '/unsc-lens/' });
  });

  after(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and reports the base in its URL', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/unsc-lens\/$/);
  });

  it('serves index.html for directories, with MIME types', async () => {
    const root = await get(server.url, '/unsc-lens/');
    assert.equal(root.status, 200);
    assert.equal(root.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(root.body.toString(), '<!doctype html><p>首页</p>');
    assert.equal((await get(server.url, '/unsc-lens/sub/')).body.toString(), '<p>sub</p>');
    assert.equal((await get(server.url, '/unsc-lens/app_bg.wasm')).headers['content-type'], 'application/wasm');
    assert.match((await get(server.url, '/unsc-lens/app.js')).headers['content-type'], /^text\/javascript/);
    const css = await get(server.url, '/unsc-lens/a%20b.css');
    assert.equal(css.status, 200);
    assert.match(css.headers['content-type'], /^text\/css/);
  });

  it('gzips only when the client accepts it', async () => {
    const plain = await get(server.url, '/unsc-lens/app_bg.wasm');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.length, 8);
    const gz = await get(server.url, '/unsc-lens/app_bg.wasm', { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(zlib.gunzipSync(gz.body), plain.body);
  });

  it('redirects the bare base and 404s outside it', async () => {
    const bare = await get(server.url, '/unsc-lens');
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.location, '/unsc-lens/');
    assert.equal((await get(server.url, '/')).status, 404);
    assert.equal((await get(server.url, '/index.html')).status, 404);
    assert.equal((await get(server.url, '/unsc-lens/missing.js')).status, 404);
  });

  it('never serves files outside root', async () => {
    for (const p of ['/unsc-lens/../secret.txt', '/unsc-lens/%2e%2e/secret.txt', '/unsc-lens/..%2fsecret.txt',
      '/unsc-lens/sub/..%2f..%2fsecret.txt', '/unsc-lens/%00']) {
      const res = await get(server.url, p);
      assert.ok(res.status === 404 || res.status === 400, `${p} → ${res.status}`);
      assert.ok(!res.body.toString().includes('outside root'), `${p} leaked a file`);
    }
  });
});
