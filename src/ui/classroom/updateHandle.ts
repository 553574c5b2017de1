/** The service worker's "update now" function, once the registration has handed it over. */
let update: ((reload?: boolean) => Promise<void>) | null = null;
/** Whether a new service worker is actually waiting (otherwise "update" would do nothing). */
let waiting = false;

export function setUpdateFunction(fn: (reload?: boolean) => Promise<void>) {
  update = fn;
}

export function setUpdateWaiting() {
  waiting = true;
}

/** Swaps in the waiting version; with none waiting (a chunk of a redeploy failed), reloads. */
export function applyUpdate() {
  if (update && waiting) void update(true);
  else window.location.reload();
}
