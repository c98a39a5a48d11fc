/** RFC 9110 HTTP-date shapes: IMF-fixdate, obsolete RFC 850 and asctime all name a day and carry hh:mm:ss. */
const HTTP_DATE = /^[A-Za-z]{3,9},? .*\b\d{1,2}:\d{2}:\d{2}\b/

/**
 * Parses a `Retry-After` header into a delay in ms: delta-seconds (`"120"`) or an HTTP-date (a date in the
 * past means "now", 0). Anything else is ignored (undefined) rather than guessed, because `Date.parse`
 * accepts garbage such as `"1"`.
 *
 * @param nowMs the current time, for the HTTP-date form.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim()
  if (!text) return undefined
  if (/^\d+$/.test(text)) return Number(text) * 1000
  if (!HTTP_DATE.test(text)) return undefined
  // asctime dates carry no zone but mean GMT; Date.parse would read them as local time.
  const at = Date.parse(/GMT$/i.test(text) ? text : `${text} GMT`)
  if (!Number.isFinite(at)) return undefined
  return Math.max(0, at - nowMs)
}
