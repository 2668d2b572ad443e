// The console's service worker. `cargo xtask dist` writes it into the build from
// static/sw.js, replacing BUILD and ASSETS with that build's id and its own files (paths
// relative to the scope, which is the base path): the page, the loader, the hashed .js,
// .wasm and .css, the manifest and the icons.
//
// - install: every file of the build is fetched into this build's cache (the page and the
//   other unhashed files revalidated with the host, never an older HTTP-cache copy); a page that is not this build's fails the
//   installation (a host half-way through a deployment), which the browser retries later.
// - fetch: a navigation to one of the console's routes gets the cached page; a file of the
//   build comes from the cache. Nothing else is answered here and nothing else is ever
//   stored: apig-mock's API (backend mode) and any other request go to the network as usual.
// - a new build waits until the page asks ("take-over" message, sent when the person presses
//   the notice's button); it then deletes the older caches of this scope and takes control.

const BUILD = '__APIG_BUILD__';
const ASSETS = __APIG_ASSETS__;
const PAGE = 'index.html';
// Trunk's content-hashed names: `name-<16 hex digits>` before the extension or `_bg`.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;
// First path segments of the console's routes (crates/web/src/lib.rs).
const ROUTES = ['', PAGE, 'gateways', 'sandbox', 'settings'];

const SCOPE = self.registration.scope;
const SCOPE_PATH = new URL(SCOPE).pathname;
const PREFIX = `apig-console ${SCOPE} `;
const CACHE = PREFIX + BUILD;

self.addEventListener('install', (event) => event.waitUntil(precache()));

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    ASSETS.map(async (asset) => {
      const url = new URL(asset, SCOPE).href;
      // A content-hashed file may come from the HTTP cache (the page's own load just put it
      // there): under its name it never changes. Anything else is revalidated with the host.
      const response = await fetch(url, { cache: HASHED.test(asset) ? 'default' : 'no-cache' });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      if (asset === PAGE) {
        const text = await response.clone().text();
        if (!text.includes(`<meta name="apig-console-build" content="${BUILD}"`)) {
          throw new Error(`${url} is not the page of build ${BUILD}`);
        }
      }
      await cache.put(url, response);
    }),
  );
}

self.addEventListener('message', (event) => {
  if (event.data?.type === 'take-over') self.skipWaiting();
});

self.addEventListener('activate', (event) =>
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  ),
);

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  const path = url.pathname.slice(SCOPE_PATH.length);
  if (request.mode === 'navigate') {
    if (ROUTES.includes(path.split('/')[0])) {
      event.respondWith(page(request));
    } else {
      // Not a route of the console (apig-mock's API, a file the build does not have): the
      // host answers; offline, the console shows its not-found page.
      event.respondWith(fetch(request).catch(() => page(request)));
    }
  } else if (url.search === '' && ASSETS.includes(path)) {
    event.respondWith(cached(request, url.href));
  }
});

async function page(request) {
  return cached(request, new URL(PAGE, SCOPE).href);
}

async function cached(request, key) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key)) ?? fetch(request);
}
