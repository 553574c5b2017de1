/** The service worker's "update now" function, once the registration has handed it over. */
let update: ((reload?: boolean) => Promise<void>) | null = null;

export function setUpdateFunction(fn: (reload?: boolean) => Promise<void>) {
  update = fn;
}

export function applyUpdate() {
  if (update) void update(true);
  else window.location.reload();
}
