/** Promise helpers the tests share: catching an expected rejection, and promises a test settles by hand. */

/** Runs `promise`, which must reject, and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

/** A promise and the function that resolves it, for a test to decide when something finishes. */
export function deferred<T = void>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}

/** A promise the test opens: what a blocked step waits on. */
export function gate(): { promise: Promise<void>; open(): void } {
  const { promise, resolve } = deferred()
  return { promise, open: () => resolve() }
}
