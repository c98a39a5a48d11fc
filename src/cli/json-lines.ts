/**
 * One newline-delimited JSON record: `{ event, sourceId, ...payload }`. Dates become ISO strings
 * (their own `toJSON`) and errors become `{ code, message }` (an Error has no enumerable message,
 * and its `cause` may hold things not meant for output).
 */
export function jsonLine(event: string, payload: object): string {
  return `${JSON.stringify({ event, ...payload }, replaceErrors)}\n`
}

function replaceErrors(this: unknown, key: string, value: unknown): unknown {
  // The holder's own value: an error's `toJSON` has already run by the time the replacer sees `value`.
  const original = (this as Record<string, unknown>)[key]
  if (original instanceof Error) {
    const code = (original as { code?: unknown }).code
    return { code: typeof code === 'string' ? code : 'ERROR', message: original.message }
  }
  return value
}
