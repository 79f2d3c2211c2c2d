// The benchmarks' corpus, as scripts/bench-cli builds it: shared by bench-browser.mjs and
// bench-ab.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../tests/e2e/helpers.mjs';

// 90 copies of the seed with its nine annexes rotated (and, for half, reversed) and 10 English
// letters of eight copies of the fixture: 100 letters, ≈ 5.2 MB, in the order bench-cli's glob
// sorts them.
export function buildCorpus() {
  const seed = fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'S-2020-911.zh.txt'), 'utf8').replace(/\r\n?/g, '\n').split('\n');
  const labels = seed.flatMap((l, i) => (/^附件[一二三四五六七八九]$/.test(l.trim()) ? [i] : []));
  if (labels.length !== 9) throw new Error(`the seed should have nine annex labels, found ${labels.length}`);
  const cover = seed.slice(0, labels[0]);
  const bodies = labels.map((a, k) => seed.slice(a + 1, k + 1 < labels.length ? labels[k + 1] : seed.length));
  const numerals = '一二三四五六七八九';
  const letters = [];
  for (let i = 0; i < 90; i++) {
    const k = i % 9;
    let order = [...bodies.slice(k), ...bodies.slice(0, k)];
    if (i >= 45) order = order.reverse();
    const lines = [...cover];
    order.forEach((body, n) => lines.push(`附件${numerals[n]}`, ...body));
    letters.push({ name: `zh-${String(i).padStart(3, '0')}.txt`, text: lines.join('\n') });
  }
  const english = fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'english-letter.txt'), 'utf8').replace(/\r\n?/g, '\n');
  for (let i = 0; i < 10; i++) letters.push({ name: `en-${String(i).padStart(3, '0')}.txt`, text: Array(8).fill(english).join('\n\n') });
  letters.sort((a, b) => (a.name < b.name ? -1 : 1));
  const bytes = letters.reduce((n, l) => n + Buffer.byteLength(l.text, 'utf8'), 0);
  return { letters, bytes };
}

// The letters as files on disk, as a user's file picker hands them over: given as buffers,
// Playwright would rebuild each File from base64 in the page's main thread (over a second
// for 5 MB), a long task of the harness, not of the app. Removed when the process exits.
export function corpusFiles(corpus) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unsc-lens-bench-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return corpus.letters.map((l) => {
    const file = path.join(dir, l.name);
    fs.writeFileSync(file, l.text, 'utf8');
    return file;
  });
}
