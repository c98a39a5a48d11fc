import { NetworkError, isLiveSyncError } from '../errors/errors.js'
import { corsHint } from './cors-hint.js'
import type { RequestContext } from './request-context.js'
import { causeCodeSuffix } from './request-context.js'

/**
 * One `fetch` call whose failures become typed errors: aborting rejects with `signal.reason` itself,
 * LiveSyncErrors pass through, and anything else becomes a retryable `NetworkError` naming the source
 * and the redacted URL (plus a CORS hint in a browser). `fetchImpl` is called as a plain function: a
 * browser's `fetch` called as a method of another object throws "Illegal invocation".
 *
 * @param url where this request goes (after a redirect, not the source's URL); only its origin is quoted.
 */
export async function sendRequest(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  signal: AbortSignal,
  context: RequestContext,
): Promise<Response> {
  try {
    return await fetchImpl(url, init)
  } catch (error) {
    if (signal.aborted) throw signal.reason
    if (isLiveSyncError(error)) throw error
    // fetch rejects with a TypeError for refused or reset connections, DNS failures and redirect loops,
    // and in a browser also for a response that CORS blocked: the hint names that case.
    const hint = error instanceof TypeError ? corsHint(url) : undefined
    const message = `${context.label}: the request failed${causeCodeSuffix(error)}`
    throw new NetworkError(hint === undefined ? message : `${message}; ${hint}`, {
      sourceId: context.sourceId,
      cause: error,
    })
  }
}

/** Releases a response's connection when its body is not wanted; a body already read or locked is fine. */
export function discardBody(response: Response): void {
  try {
    void response.body?.cancel().catch(() => {})
  } catch {
    // A locked stream throws synchronously: its reader owns the cancel.
  }
}
