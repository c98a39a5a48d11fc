/**
 * Turns a change location into words for messages:
 * `['requestBody','content','application/json','schema','properties','name']` reads
 * "request body (application/json) property 'name'".
 */
export function describeLocation(location: readonly string[]): string {
  const [head, ...rest] = location
  switch (head) {
    case 'parameters': {
      const [where, name, ...schema] = rest
      return `${where ?? ''} parameter '${name ?? ''}'${describeSchemaPath(schema)}`
    }
    case 'requestBody':
      return `request body${describeContent(rest)}`
    case 'responses': {
      const [status, section, ...more] = rest
      if (section === 'headers') {
        const [name, ...schema] = more
        return `response ${status ?? ''} header '${name ?? ''}'${describeSchemaPath(schema)}`
      }
      return `response ${status ?? ''}${describeContent(section === undefined ? [] : [section, ...more])}`
    }
    case 'security':
      return rest.length > 0 ? `security scheme '${rest[0]}'` : 'security'
    case undefined:
      return ''
    default:
      return location.join('.')
  }
}

/** `['content', mediaType, 'schema', ...]` as "(mediaType) property 'x'". */
function describeContent(segments: readonly string[]): string {
  const [section, mediaType, part, ...schema] = segments
  if (section !== 'content' || mediaType === undefined) return ''
  if (part === 'schema') return ` (${mediaType})${describeSchemaPath(schema)}`
  return part === undefined ? ` (${mediaType})` : ` (${mediaType}) ${part}`
}

/** A schema path as a property path: `properties/a/items/properties/b` reads "property 'a[].b'". */
export function describeSchemaPath(segments: readonly string[]): string {
  let label = ''
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!
    const next = segments[index + 1]
    if (segment === 'properties' && next !== undefined) {
      label += (label === '' ? '' : '.') + next
      index++
    } else if (segment === 'items') {
      label += '[]'
    } else if (segment === 'additionalProperties') {
      label += '{}'
    } else if ((segment === 'prefixItems' || segment === 'oneOf' || segment === 'anyOf' || segment === 'allOf') && next !== undefined) {
      label += segment === 'prefixItems' ? `[${next}]` : `<${segment} #${Number(next) + 1}>`
      index++
    } else {
      label += `/${segment}`
    }
  }
  return label === '' ? '' : ` property '${label}'`
}
