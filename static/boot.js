// The console's loader. Trunk names it in the page instead of writing an inline script
// (`pattern_script` in Trunk.toml), so the Content-Security-Policy can forbid inline scripts:
//   <script type="module" src="{base}boot.js" data-base="{base}" data-js="…" data-wasm="…">
// It starts the app, then, in a `cargo xtask dist` build (the page names its build in
// <meta name="apig-console-build">), registers the service worker and runs its update flow:
// a newer build installed next to this one is announced to the app (the "new version is
// ready" notice), and only when the person asks does the new worker take over and the page
// reload into the new build. The two builds' files never meet in one page.

const tag = document.querySelector('script[data-wasm]');
const base = tag.dataset.base;
const { default: init } = await import(tag.dataset.js);
const wasm = await init({ module_or_path: tag.dataset.wasm });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));

const READY = 'apig-console:update-ready'; // crates/web/src/components/update_notice.rs
const APPLY = 'apig-console:update-apply';
const build = document.querySelector('meta[name="apig-console-build"]')?.content;
if (build && 'serviceWorker' in navigator) {
  register().catch((error) => console.warn(`the service worker is not registered: ${error}`));
}

async function register() {
  const workers = navigator.serviceWorker;
  const registration = await workers.register(`${base}sw.js`, {
    scope: base,
    updateViaCache: 'none', // sw.js is always asked from the host, never from the HTTP cache
  });
  let waiting = null;
  const offer = (worker) => {
    waiting = worker;
    dispatchEvent(new Event(READY));
  };
  const track = (worker) =>
    worker?.addEventListener('statechange', () => {
      // Without a controller this is the first installation, not an update.
      if (worker.state === 'installed' && workers.controller) offer(worker);
    });
  // Installed while the page was closed or by another tab, or being installed right now.
  if (registration.waiting && workers.controller) offer(registration.waiting);
  track(registration.installing);
  registration.addEventListener('updatefound', () => track(registration.installing));
  let asked = false;
  addEventListener(APPLY, () => {
    asked = true;
    waiting?.postMessage({ type: 'take-over' });
  });
  workers.addEventListener('controllerchange', () => {
    // Another tab's request leaves this page on its own build until it is reloaded.
    if (asked) location.reload();
  });
  // A console left open looks for a new build now and then, and when it comes to the front.
  const check = () => registration.update().catch(() => {});
  setInterval(check, 30 * 60 * 1000);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}
