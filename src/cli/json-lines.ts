/**
 * One newline-delimited JSON record: `{ event, sourceId, ...payload }`. Dates become ISO strings
 * (their own `toJSON`) and errors become `{ code, message }` (an Error has no enumerable message,
 * and its `cause` may hold things not meant for output).
 */
export function jsonLine(event: string, payload: object): string {
  return `${JSON.stringify({ event, ...payload }, replaceErrors)}\n`
}

function replaceErrors(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code
    return { code: typeof code === 'string' ? code : 'ERROR', message: value.message }
  }
  return value
}
