import type { ParameterSpec } from '../../model/snapshot.js'
import type { OpenApiFamily } from './context.js'
import { getOwn, type JsonObject, stringOf } from './own.js'

/** How a parameter's value is written on the wire: the four ParameterSpec fields that say so. */
export type ParameterSerialization = Pick<ParameterSpec, 'style' | 'explode' | 'allowEmptyValue' | 'allowReserved'>

/**
 * Swagger 2.0 `collectionFormat` as OpenAPI 3 `style` and `explode`. `csv`, the default, is
 * `form` in the query and `simple` elsewhere; `tsv` has no OpenAPI 3 style and keeps a name of
 * its own (`tabDelimited`) so that moving to or from it is still seen.
 */
const COLLECTION_FORMATS: Readonly<Record<string, { style: string | undefined; explode: boolean }>> = {
  csv: { style: undefined, explode: false },
  ssv: { style: 'spaceDelimited', explode: false },
  tsv: { style: 'tabDelimited', explode: false },
  pipes: { style: 'pipeDelimited', explode: false },
  multi: { style: 'form', explode: true },
}

/**
 * The serialization settings a parameter writes (OpenAPI 3 `style`, `explode`, `allowEmptyValue`,
 * `allowReserved`, kept as written so the diff can fill in the defaults). Swagger 2.0 has only
 * `allowEmptyValue` and, for arrays, `collectionFormat`, mapped to `style` and `explode`.
 */
export function parameterSerialization(raw: JsonObject, location: string, family: OpenApiFamily): ParameterSerialization {
  const settings: ParameterSerialization = {}
  const allowEmptyValue = getOwn(raw, 'allowEmptyValue')
  if (typeof allowEmptyValue === 'boolean') settings.allowEmptyValue = allowEmptyValue
  if (family === '2.0') {
    if (getOwn(raw, 'type') === 'array') Object.assign(settings, swagger2ArrayStyle(stringOf(getOwn(raw, 'collectionFormat')) ?? 'csv', location))
    return settings
  }
  const style = stringOf(getOwn(raw, 'style'))
  if (style !== undefined) settings.style = style
  const explode = getOwn(raw, 'explode')
  if (typeof explode === 'boolean') settings.explode = explode
  const allowReserved = getOwn(raw, 'allowReserved')
  if (typeof allowReserved === 'boolean') settings.allowReserved = allowReserved
  return settings
}

function swagger2ArrayStyle(collectionFormat: string, location: string): { style: string; explode: boolean } {
  const known = Object.hasOwn(COLLECTION_FORMATS, collectionFormat) ? COLLECTION_FORMATS[collectionFormat]! : undefined
  // An unknown format is kept by name: a change to or from it is a change of serialization.
  if (known === undefined) return { style: collectionFormat, explode: false }
  return { style: known.style ?? (location === 'query' ? 'form' : 'simple'), explode: known.explode }
}
