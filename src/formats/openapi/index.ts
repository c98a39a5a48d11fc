import { diffOpenApi } from './diff/index.js'
import { withDiffOptions } from '../../diff/severity-overrides.js'
import type { SpecFormat } from '../types.js'
import { normalizeOpenApi } from './normalize.js'

export { normalizeOpenApi, normalizeParsedOpenApi } from './normalize.js'
export { operationIdentity } from '../../shared/operation-identity.js'

/** The OpenAPI format: Swagger 2.0, OpenAPI 3.0.x and 3.1.x documents, JSON or YAML. */
export const openapiFormat: SpecFormat = {
  type: 'openapi',
  async normalize(text, context) {
    return normalizeOpenApi(text, context)
  },
  diff(before, after, options) {
    return withDiffOptions(diffOpenApi(before, after), options)
  },
}
