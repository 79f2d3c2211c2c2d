// Trunk's post-build hook. Trunk starts the hooks of one stage together, and these steps
// each rewrite or read the staged files, so they run here one after another: the seed's
// reader into the shell, then the Content-Security-Policy (it hashes the inline scripts),
// then the service worker's stamp (a version from every file's final contents).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

for (const step of ['prerender.mjs', 'csp.mjs', 'sw.mjs']) {
  execFileSync(process.execPath, [path.join(import.meta.dirname, step)], { stdio: 'inherit' });
}
