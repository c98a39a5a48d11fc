import { redactUrl } from '../shared/redact.js'

/** Who and what a loader error is about; `label` starts every message. */
export interface RequestContext {
  sourceId: string
  /** `Source "pets" (GET https://api.example.com/openapi.json?key=***)`: the URL is always redacted. */
  label: string
}

/** The message prefix naming the source, the method and the redacted URL. */
export function requestContext(sourceId: string, method: string, url: string): RequestContext {
  return { sourceId, label: `Source "${sourceId}" (${method.toUpperCase()} ${redactUrl(url)})` }
}

/**
 * The first error `code` in a cause chain (`ECONNREFUSED`, `UND_ERR_SOCKET`, ...), for messages.
 * Only codes are quoted, never the causes' messages, which may embed URLs or header values.
 */
export function causeCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && /^[A-Z][A-Z\d_]*$/.test(code)) return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * Causes fetch reports without a code, recognised by their fixed wording (Node's undici) and told in
 * our own words, so the message stays clear without quoting a cause's text.
 */
const UNCODED_CAUSES: ReadonlyArray<readonly [RegExp, string]> = [[/^redirect count exceeded$/, 'too many redirects']]

function uncodedCause(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const known = UNCODED_CAUSES.find(([pattern]) => pattern.test((current as Error).message))
    if (known !== undefined) return known[1]
    current = current.cause
  }
  return undefined
}

/** `" (ECONNREFUSED)"`, `" (too many redirects)"` or `""`, to append to a message. */
export function causeCodeSuffix(error: unknown): string {
  const reason = causeCode(error) ?? uncodedCause(error)
  return reason === undefined ? '' : ` (${reason})`
}
