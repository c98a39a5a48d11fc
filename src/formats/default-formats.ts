import type { SpecFormat } from './types.js'
import { openapiFormat } from './openapi/index.js'
import { postmanFormat } from './postman/index.js'

/** The formats every service reads without configuration. */
export function defaultFormats(): SpecFormat[] {
  return [openapiFormat, postmanFormat]
}
