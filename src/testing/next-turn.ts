// Captured when the kit is imported, usually before a test installs fake timers: the fallback below.
const importTimeSetTimeout = globalThis.setTimeout

/**
 * Resolves after one turn of the event loop, through a channel message: fake timers (vitest, jest,
 * sinon) replace `setTimeout` and `setImmediate` but not `MessageChannel`, so this still yields while
 * they are installed, and lets real asynchronous work (Web Crypto digests, I/O callbacks) finish.
 * Where there is no `MessageChannel` (some test environments), the `setTimeout` of import time stands in.
 */
export function nextTurn(): Promise<void> {
  const Channel = (globalThis as { MessageChannel?: typeof MessageChannel }).MessageChannel
  if (Channel === undefined) return new Promise((resolve) => importTimeSetTimeout(resolve, 0))
  return new Promise((resolve) => {
    const channel = new Channel()
    channel.port1.onmessage = () => {
      // A port left open keeps a Node process alive.
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(undefined)
  })
}
