// UNSC Lens service worker: after a first visit the page opens from this cache, and works
// offline. It answers only requests to its own origin (the app makes no others) and never
// sees a document the user adds: those are read from disk, not fetched.
// scripts/sw.mjs (a trunk post-build hook) fills in VERSION and CORE for each build.
const VERSION = '__VERSION__';
// Every file the page needs to open and analyse text, DOCX and HTML.
const CORE = __CORE__;
// The PDF reader is fetched only when a PDF is first added, and kept from then on.
const ON_USE = __ON_USE__;
const CACHE = `unsc-lens-${VERSION}`;

self.addEventListener('install', (event) => {
  // `no-cache` revalidates with the server (ETag): a file the first visit just downloaded
  // comes back as a 304, not a second download, and an updated file is never taken stale
  // from the HTTP cache.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(CORE.map((url) => new Request(url, { cache: 'no-cache' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('unsc-lens-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

const scoped = (url) => new URL(url, self.registration.scope).href;

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Any navigation inside the scope is the app (views live in the URL fragment).
      const key = request.mode === 'navigate' ? scoped('./') : request;
      const hit = await cache.match(key, { ignoreSearch: true });
      if (hit) return hit;
      const response = await fetch(request);
      const path = new URL(request.url).href;
      if (response.ok && ON_USE.some((f) => scoped(f) === path)) {
        await cache.put(request, response.clone());
      }
      return response;
    })(),
  );
});
