import type { SpecFormat } from './types.js'
import { openapiFormat } from './openapi/index.js'
import { postmanFormat } from './postman/index.js'
import { graphqlFormat } from './graphql/index.js'

/** The formats every service reads without configuration. */
export function defaultFormats(): SpecFormat[] {
  return [openapiFormat, graphqlFormat, postmanFormat]
}
