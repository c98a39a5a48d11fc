import type { SourceType } from '../model/identity.js'

/** What a quick look at a parsed document tells, without normalizing it. */
export interface DocumentSummary {
  /** `3.1.0`, `2.0`, `2.1.0` (Postman collection schema version); absent for GraphQL. */
  specVersion?: string | undefined
  title?: string | undefined
  /** OpenAPI: method entries under `paths`; Postman: requests in the item tree; GraphQL: unknown. */
  operationCount?: number | undefined
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

/**
 * Reads a document's version, title and operation count straight from its JSON: cheap enough to
 * run on every discovery hit, and independent of which formats are registered.
 */
export function summarizeDocument(document: unknown, type: SourceType): DocumentSummary {
  const record = asRecord(document)
  if (record === undefined) return {}
  switch (type) {
    case 'openapi':
      return summarizeOpenApi(record)
    case 'postman':
      return summarizePostman(record)
    case 'graphql':
      return {}
  }
}

function summarizeOpenApi(document: Record<string, unknown>): DocumentSummary {
  const version = document.openapi ?? document.swagger
  const paths = asRecord(document.paths) ?? {}
  let operationCount = 0
  for (const item of Object.values(paths)) {
    for (const key of Object.keys(asRecord(item) ?? {})) if (HTTP_METHODS.has(key.toLowerCase())) operationCount++
  }
  return { specVersion: scalarText(version), title: textOf(asRecord(document.info)?.title), operationCount }
}

function summarizePostman(document: Record<string, unknown>): DocumentSummary {
  const info = asRecord(document.info)
  const schema = textOf(info?.schema)
  const version = schema === undefined ? undefined : /\/v(\d+\.\d+\.\d+)\//.exec(schema)?.[1]
  return { specVersion: version, title: textOf(info?.name), operationCount: countRequests(document.item) }
}

function countRequests(items: unknown): number {
  if (!Array.isArray(items)) return 0
  let count = 0
  for (const item of items) {
    const record = asRecord(item)
    if (record === undefined) continue
    if (Array.isArray(record.item)) count += countRequests(record.item)
    else if (record.request !== undefined) count++
  }
  return count
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(1) : String(value)
  return textOf(value)
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}
