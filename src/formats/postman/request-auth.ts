import { compareText } from '../../shared/compare-text.js'
import { isRecord, scalarText, stringOr } from './json-values.js'

/** A request's auth with every value dropped: which scheme, and which settings it has. */
export interface AuthSummary {
  /** `bearer`, `basic`, `apikey`, `oauth2`, ..., or `noauth` for an explicit "No Auth". */
  type: string
  /** Names of the scheme's settings (`['token']`, `['in', 'key', 'value']`), sorted. */
  keys: string[]
}

/**
 * Summarizes a Postman auth object without its values, which are tokens, passwords and keys.
 * Settings are a `[{ key, value }]` list in collection v2.1 and a `{ key: value }` map in v2.0.
 */
export function summarizeAuth(auth: unknown): AuthSummary | undefined {
  if (!isRecord(auth)) return undefined
  const type = stringOr(auth.type)
  if (type === undefined || type === '') return undefined
  const settings = auth[type]
  const keys = Array.isArray(settings)
    ? settings.flatMap((row) => {
        const key = isRecord(row) ? scalarText(row.key) : undefined
        return key === undefined ? [] : [key]
      })
    : isRecord(settings)
      ? Object.keys(settings)
      : []
  return { keys: [...new Set(keys)].sort(compareText), type }
}
