import type { NormalizedDocument } from '../../model/snapshot.js'
import type { ParseContext } from '../types.js'
import { buildGraphqlSchema } from './build-schema.js'
import { buildGraphqlSnapshot } from './build-snapshot.js'
import type { GraphqlModule } from './graphql-module.js'
import { readGraphqlDocument } from './read-document.js'
import { schemaModel } from './schema-model.js'
import { TimeSlice } from '../../runtime/yield.js'

/**
 * SDL or introspection JSON to a normalized snapshot. The document's kind is checked before
 * `graphql` is loaded, so an OpenAPI document sent to a GraphQL source is reported as such even
 * where the package is missing.
 */
export async function normalizeGraphql(
  text: string,
  context: ParseContext,
  loadGraphql: (sourceId?: string) => Promise<GraphqlModule>,
): Promise<NormalizedDocument> {
  // Each phase of a large schema is long: the event loop turns between them and in their loops (issue 11, item 9).
  const slice = new TimeSlice(context.signal)
  const document = readGraphqlDocument(text, context)
  const graphql = await loadGraphql(context.sourceId)
  await slice.yieldIfDue()
  const { schema, warnings } = await buildGraphqlSchema(graphql, document, context.sourceId, slice)
  await slice.yieldIfDue()
  const model = await schemaModel(graphql, schema, slice)
  await slice.yieldIfDue()
  return buildGraphqlSnapshot(model, warnings, slice)
}
