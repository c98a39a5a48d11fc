import type { EncodingSpec } from '../model/snapshot.js'
import { serializePairs } from './parameter-values.js'
import { isRecord } from './values.js'

/** `application/json`, `application/vnd.api+json`, `text/json; charset=utf-8`, ... */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaTypeEssence(mediaType)
  return essence === 'application/json' || essence.endsWith('+json') || essence.endsWith('/json')
}

/** `application/x-www-form-urlencoded` or `multipart/form-data`. */
export function isFormMediaType(mediaType: string): boolean {
  const essence = mediaTypeEssence(mediaType)
  return essence === 'application/x-www-form-urlencoded' || essence === 'multipart/form-data'
}

export function isXmlMediaType(mediaType: string): boolean {
  const essence = mediaTypeEssence(mediaType)
  return essence.endsWith('/xml') || essence.endsWith('+xml')
}

/**
 * Media types whose body is a file rather than text: `application/octet-stream`, wildcards
 * (`*\/*`, `image/*`), images, audio, video, PDF and archives.
 */
export function isBinaryMediaType(mediaType: string): boolean {
  const essence = mediaTypeEssence(mediaType)
  if (essence.includes('*')) return true
  if (/^(image|audio|video|font)\//.test(essence)) return !essence.endsWith('+xml')
  return ['application/octet-stream', 'application/pdf', 'application/zip', 'application/gzip', 'application/x-tar'].includes(essence)
}

/** The media type without parameters, lower-case: `application/json; charset=utf-8` -> `application/json`. */
export function mediaTypeEssence(mediaType: string): string {
  return (mediaType.split(';', 1)[0] ?? '').trim().toLowerCase()
}

/**
 * The media type a generated request sends, from those the operation accepts: `application/json`
 * first, then any other JSON type, then a form, then the first in code-unit order.
 */
export function preferredMediaType(mediaTypes: readonly string[]): string | undefined {
  const sorted = [...mediaTypes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return (
    sorted.find((type) => mediaTypeEssence(type) === 'application/json') ??
    sorted.find(isJsonMediaType) ??
    sorted.find((type) => mediaTypeEssence(type) === 'application/x-www-form-urlencoded') ??
    sorted.find(isFormMediaType) ??
    sorted[0]
  )
}

/**
 * Writes an example value as the body text of a media type: JSON pretty-printed, forms as
 * `key=value&...` (form data too: one text shape for both, which exporters turn into rows) per
 * OpenAPI's serialization rules and the media type's `encoding`, XML as elements, anything else
 * as the string or its JSON.
 */
export function bodyText(mediaType: string, example: unknown, rootName = 'root', encoding: Readonly<Record<string, EncodingSpec>> = {}): string {
  if (example === undefined) return isJsonMediaType(mediaType) ? '{}' : ''
  if (isJsonMediaType(mediaType)) return jsonText(example)
  if (isFormMediaType(mediaType)) return formText(example, mediaTypeEssence(mediaType) === 'multipart/form-data', encoding)
  if (isXmlMediaType(mediaType) && typeof example !== 'string') return xmlText(rootName, example)
  return typeof example === 'string' ? example : JSON.stringify(example, null, 2)
}

/** A string example that already is a JSON document is the body; any other value is serialized. */
function jsonText(example: unknown): string {
  if (typeof example === 'string') {
    const trimmed = example.trim()
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        JSON.parse(trimmed)
        return example
      } catch {
        // Not JSON after all: a JSON string value, written below.
      }
    }
  }
  return JSON.stringify(example, null, 2) ?? 'null'
}

/**
 * `a=1&b=two`; rows (`[{ key, value, disabled }]`, as Postman snapshots carry) keep their enabled
 * ones. An object's properties follow their `encoding` (default: style `form`, exploded, so arrays
 * repeat the key; `deepObject` gives `address[city]=...`); in form data a nested object without
 * an encoding is a JSON part, as OpenAPI's default `contentType` for objects says.
 */
function formText(example: unknown, multipart: boolean, encoding: Readonly<Record<string, EncodingSpec>>): string {
  if (typeof example === 'string') return example
  const pairs: Array<[string, string]> = []
  if (Array.isArray(example)) {
    for (const row of example) {
      if (isRecord(row) && typeof row.key === 'string' && row.disabled !== true) pairs.push([row.key, scalar(row.value)])
    }
  } else if (isRecord(example)) {
    for (const [key, value] of Object.entries(example)) {
      const rule = Object.hasOwn(encoding, key) ? encoding[key] : undefined
      if (rule?.style === undefined && isRecord(value) && (multipart || rule?.contentType !== undefined)) {
        pairs.push([key, JSON.stringify(value)])
        continue
      }
      const style = rule?.style ?? 'form'
      pairs.push(...serializePairs(key, value, style, rule?.explode ?? style === 'form'))
    }
  }
  return pairs.map(([key, value]) => `${encodeFormPart(key)}=${encodeFormPart(value)}`).join('&')
}

function scalar(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map(scalar).join(',')
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** Percent-encodes like a form does, but keeps `{{variables}}` readable. */
function encodeFormPart(text: string): string {
  return text
    .split(/(\{\{[^{}]*\}\})/)
    .map((part, index) => (index % 2 === 1 ? part : encodeURIComponent(part)))
    .join('')
}

function xmlText(rootName: string, value: unknown): string {
  return xmlElement(xmlName(rootName), value, '')
}

function xmlElement(name: string, value: unknown, indent: string): string {
  if (Array.isArray(value)) return value.map((item) => xmlElement(name, item, indent)).join('\n')
  if (isRecord(value)) {
    const children = Object.entries(value).map(([key, child]) => xmlElement(xmlName(key), child, `${indent}  `))
    return `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>`
  }
  return `${indent}<${name}>${escapeXml(value === null || value === undefined ? '' : String(value))}</${name}>`
}

function xmlName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]/g, '_')
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
