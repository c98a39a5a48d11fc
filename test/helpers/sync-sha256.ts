import { createHash } from 'node:crypto'

/**
 * The same SHA-256 as Web Crypto, computed synchronously. Web Crypto's digest runs on libuv's
 * thread pool, which fake timers cannot advance; tests that drive the service with fake timers
 * swap it in with:
 *
 *   vi.mock('../src/formats/hash.js', async (importOriginal) => ({ ...(await importOriginal()), sha256Hex: syncSha256Hex }))
 */
export async function syncSha256Hex(text: string): Promise<string> {
  return createHash('sha256').update(text).digest('hex')
}
