import { FRAMEWORK_HEADER_SIGNS, type FrameworkName, type SpecProbe } from './probe-table.js'

/** Which framework probably served a document, and whether more than the path says so. */
export interface FrameworkGuess {
  framework?: FrameworkName | undefined
  /** True when a header or the document's content points to the framework, not only the path. */
  confirmed: boolean
}

/**
 * Guesses the framework behind a hit from the probe's path, the response headers (`Server`,
 * `X-Powered-By`, ...) and markers some generators leave in their documents.
 */
export function guessFramework(probe: SpecProbe, headers: Headers, document: unknown): FrameworkGuess {
  const signs = [...headerSigns(headers), ...contentSigns(document, headers)]
  const confirmedByPath = probe.frameworks.find((framework) => signs.includes(framework))
  if (confirmedByPath !== undefined) return { framework: confirmedByPath, confirmed: true }
  // A path no framework owns (or owned by another one): a clear sign still names the framework.
  if (probe.frameworks.length === 0 && signs.length > 0) return { framework: signs[0], confirmed: true }
  return { framework: probe.frameworks[0], confirmed: false }
}

function headerSigns(headers: Headers): FrameworkName[] {
  const found: FrameworkName[] = []
  for (const sign of FRAMEWORK_HEADER_SIGNS) {
    const value = headers.get(sign.header)
    if (value !== null && sign.pattern.test(value)) found.push(...sign.frameworks)
  }
  return found
}

/** Markers generators put in every document they write. */
function contentSigns(document: unknown, headers: Headers): FrameworkName[] {
  const found: FrameworkName[] = []
  const record = asRecord(document)
  const schemas = asRecord(asRecord(record?.components)?.schemas)
  // FastAPI adds its validation error schemas to every document with a parameter or a body.
  if (schemas !== undefined && 'HTTPValidationError' in schemas) found.push('FastAPI')
  const servers = record?.servers
  if (Array.isArray(servers) && servers.some((server) => asRecord(server)?.description === 'Generated server url')) {
    found.push('Spring (springdoc)')
  }
  // drf-spectacular answers with the OpenAPI media type of its YAML output.
  if (/application\/vnd\.oai\.openapi/i.test(headers.get('content-type') ?? '')) found.push('Django (drf-spectacular)')
  return found
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}
