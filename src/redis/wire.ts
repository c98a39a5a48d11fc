import { LiveSyncError, type LiveSyncErrorCode } from '../errors/errors.js'

/**
 * Event payloads and sync results cross Redis as JSON. Dates and errors do not survive plain JSON,
 * so they travel tagged and come back as a Date and a LiveSyncError (code, message, source and the
 * subclass's own fields; never the cause or stack, which may hold what is not meant to leave the process).
 */
export function encodeWire(value: unknown): string {
  return JSON.stringify(tag(value))
}

export function decodeWire<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => untag(value)) as T
}

function tag(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() }
  if (value instanceof LiveSyncError) return { $error: value.toJSON() }
  if (value instanceof Error) return { $error: { name: value.name, code: 'UNKNOWN', message: value.message } }
  if (Array.isArray(value)) return value.map(tag)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, tag(entry)]))
  }
  return value
}

function untag(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const record = value as Record<string, unknown>
  if (typeof record.$date === 'string' && Object.keys(record).length === 1) return new Date(record.$date)
  const error = record.$error
  if (typeof error === 'object' && error !== null && Object.keys(record).length === 1) return reviveError(error as Record<string, unknown>)
  return value
}

function reviveError(fields: Record<string, unknown>): LiveSyncError {
  const { name, code, message, sourceId, retryable, ...own } = fields
  const error = new LiveSyncError(String(code) as LiveSyncErrorCode, String(message), {
    ...(typeof sourceId === 'string' ? { sourceId } : {}),
    retryable: retryable === true,
  })
  Object.defineProperty(error, 'name', { value: String(name), enumerable: false })
  return Object.assign(error, own)
}
