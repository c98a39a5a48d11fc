import type { Auth } from '../model/collection.js'
import type { PostmanAuth, PostmanAuthAttribute } from './postman-types.js'
import { isRecord, stringOr } from './values.js'

/**
 * Neutral auth in Postman's shape: `{ type, [type]: [{ key, value, type }] }`. The neutral
 * setting names are Postman's, so settings map one to one. `none` is Postman's `noauth`;
 * `inherit` is `null` (Postman's "inherit auth from parent").
 */
export function toPostmanAuth(auth: Auth): PostmanAuth | null {
  if (auth.type === 'inherit') return null
  if (auth.type === 'none') return { type: 'noauth' }
  const attributes: PostmanAuthAttribute[] = []
  for (const [key, value] of Object.entries(auth)) {
    if (key === 'type' || value === undefined) continue
    attributes.push({ key, value, type: attributeType(value) })
  }
  return { type: auth.type, [auth.type]: attributes }
}

function attributeType(value: unknown): string {
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'boolean'
  return 'any'
}

/**
 * Postman auth as neutral auth. Reads v2.1 attribute lists (`[{ key, value }]`) and v2.0 maps
 * (`{ key: value }`); `noauth` is `none`, `null` is `inherit`; anything else unreadable is `undefined`.
 */
export function fromPostmanAuth(auth: unknown): Auth | undefined {
  if (auth === null) return { type: 'inherit' }
  if (!isRecord(auth)) return undefined
  const type = stringOr(auth.type)
  if (type === undefined || type === '') return undefined
  if (type === 'noauth') return { type: 'none' }
  if (type === 'inherit') return { type: 'inherit' }
  const result: Auth = { type }
  const settings = auth[type]
  if (Array.isArray(settings)) {
    for (const attribute of settings) {
      if (isRecord(attribute) && typeof attribute.key === 'string' && attribute.key !== 'type' && attribute.value !== undefined) {
        setData(result, attribute.key, attribute.value)
      }
    }
  } else if (isRecord(settings)) {
    for (const [key, value] of Object.entries(settings)) if (key !== 'type' && value !== undefined) setData(result, key, value)
  }
  return result
}

function setData(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
