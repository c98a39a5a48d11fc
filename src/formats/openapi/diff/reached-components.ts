import type { SnapshotOperation } from '../../../model/snapshot.js'
import type { OperationChanges } from './operation-changes.js'

/**
 * For an operation whose own definition did not change (equal `ownHash`) while schemas it
 * references did: attributes the changed components it reaches, at the locations the rule
 * families would find them, without comparing the operation's own parts (they are equal). Each
 * schema is compared with itself, which only collects its `$ref`s.
 */
export function compareReachedComponents(operation: SnapshotOperation, changes: OperationChanges): void {
  for (const parameter of operation.parameters) {
    if (parameter.schema !== undefined) changes.compareSchemas(parameter.schema, parameter.schema, 'request', ['parameters', parameter.in, parameter.name], 'request-parameter-')
  }
  const body = operation.requestBody
  if (body !== undefined) {
    for (const mediaType of Object.keys(body.content)) {
      const schema = body.content[mediaType]!.schema
      if (schema !== undefined) changes.compareSchemas(schema, schema, 'request', ['requestBody', 'content', mediaType, 'schema'], 'schema-')
    }
  }
  for (const status of Object.keys(operation.responses)) {
    const response = operation.responses[status]!
    for (const mediaType of Object.keys(response.content)) {
      const schema = response.content[mediaType]!.schema
      if (schema !== undefined) changes.compareSchemas(schema, schema, 'response', ['responses', status, 'content', mediaType, 'schema'], 'schema-')
    }
    for (const name of Object.keys(response.headers ?? {})) {
      const schema = response.headers![name]!.schema
      if (schema !== undefined) changes.compareSchemas(schema, schema, 'response', ['responses', status, 'headers', name], 'response-header-')
    }
  }
}
