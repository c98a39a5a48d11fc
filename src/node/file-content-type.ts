import { extname } from 'node:path'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.json': 'application/json',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.graphql': 'application/graphql',
  '.graphqls': 'application/graphql',
  '.gql': 'application/graphql',
}

/**
 * The content type a file's extension implies, as a server would send it, so the formats pick JSON
 * or YAML the same way for files and URLs. `undefined` for other extensions: the formats then
 * sniff the first character.
 */
export function contentTypeForPath(path: string): string | undefined {
  return CONTENT_TYPES[extname(path).toLowerCase()]
}
