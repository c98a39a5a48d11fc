/** A source URL split into what `fetch` accepts and the credentials it carried. */
export interface UrlWithoutCredentials {
  /** The URL with `user:password@` removed. */
  url: string
  /** `Basic ...` built from the userinfo, when the URL had one. */
  basicAuthorization?: string | undefined
}

/**
 * Moves `user:password@` out of a URL into a Basic `Authorization` value. `fetch` refuses URLs with
 * credentials, and its TypeError quotes the whole URL (password included), so they must never reach it.
 */
export function splitUrlCredentials(url: string): UrlWithoutCredentials {
  const parsed = new URL(url)
  if (parsed.username === '' && parsed.password === '') return { url }
  const user = decodeComponent(parsed.username)
  const password = decodeComponent(parsed.password)
  parsed.username = ''
  parsed.password = ''
  return { url: parsed.href, basicAuthorization: `Basic ${base64Utf8(`${user}:${password}`)}` }
}

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** `btoa` only takes Latin-1, so encode the UTF-8 bytes first (RFC 7617 recommends UTF-8). */
function base64Utf8(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}
