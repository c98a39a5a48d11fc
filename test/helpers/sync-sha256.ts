import { createHash } from 'node:crypto'

/**
 * The same SHA-256 as Web Crypto, computed synchronously. Web Crypto's digest runs on libuv's
 * thread pool, which fake timers cannot advance; tests that drive the service with fake timers
 * swap it in with `withSyncSha256` below.
 */
export async function syncSha256Hex(text: string): Promise<string> {
  return createHash('sha256').update(text).digest('hex')
}

/**
 * `src/formats/hash.js` with `sha256Hex` swapped for `syncSha256Hex`: the body of a test's
 *
 *   vi.mock('../src/formats/hash.js', async (importOriginal) => (await import('./helpers/sync-sha256.js')).withSyncSha256(importOriginal))
 *
 * vi.mock is hoisted above the test's imports, so its factory loads this helper itself; the
 * vi.mock call has to stay in each test file.
 */
export async function withSyncSha256(importOriginal: <T>() => Promise<T>) {
  return { ...(await importOriginal<typeof import('../../src/formats/hash.js')>()), sha256Hex: syncSha256Hex }
}
