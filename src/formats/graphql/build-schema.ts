import type { DocumentNode, GraphQLSchema } from 'graphql'
import { InvalidSpecError, ParseError } from '../../errors/errors.js'
import type { TimeSlice } from '../../runtime/yield.js'
import type { GraphqlModule } from './graphql-module.js'
import type { GraphqlDocument } from './read-document.js'
import { duplicateDefinitions } from './sdl-duplicates.js'
import { capitalised, documentSubject } from './text.js'

/** Schema problems listed as snapshot warnings, at most. */
const MAX_VALIDATION_WARNINGS = 5

export interface BuiltSchema {
  schema: GraphQLSchema
  /** Validation problems that do not stop change detection (a live schema is what it is). */
  warnings: string[]
}

/**
 * Builds a `GraphQLSchema` from SDL or an introspection result. SDL syntax errors become
 * `ParseError`s with line and column; documents that parse but cannot be built (unknown types,
 * queries instead of type definitions) become `InvalidSpecError`s. Full SDL validation is skipped
 * (it costs more than parsing); duplicate definitions and `validateSchema` findings are reported
 * as warnings instead, since a live schema is what it is. The event loop turns between parsing,
 * building and validating (each is one graphql-js call that cannot be sliced further).
 */
export async function buildGraphqlSchema(graphql: GraphqlModule, document: GraphqlDocument, sourceId: string | undefined, slice: TimeSlice): Promise<BuiltSchema> {
  const problems: string[] = []
  const schema =
    document.kind === 'sdl' ? await schemaFromSdl(graphql, document.text, sourceId, problems, slice) : schemaFromIntrospection(graphql, document, sourceId)
  await slice.yieldIfDue()
  for (const problem of graphql.validateSchema(schema)) problems.push(problem.message)
  const warnings = problems.slice(0, MAX_VALIDATION_WARNINGS).map((problem) => `GraphQL schema validation: ${problem}`)
  if (problems.length > MAX_VALIDATION_WARNINGS) warnings.push(`GraphQL schema validation: ${problems.length - MAX_VALIDATION_WARNINGS} more problems`)
  return { schema, warnings }
}

async function schemaFromSdl(graphql: GraphqlModule, text: string, sourceId: string | undefined, problems: string[], slice: TimeSlice): Promise<GraphQLSchema> {
  const ast = parseSdl(graphql, text, sourceId)
  await slice.yieldIfDue()
  problems.push(...duplicateDefinitions(graphql, ast))
  await slice.yieldIfDue()
  const executable = ast.definitions.find((definition) => definition.kind === graphql.Kind.OPERATION_DEFINITION || definition.kind === graphql.Kind.FRAGMENT_DEFINITION)
  if (executable) {
    throw new InvalidSpecError(`${capitalised(documentSubject(sourceId))} is a GraphQL query document (operations or fragments), not a schema`, { sourceId })
  }
  try {
    return graphql.buildASTSchema(ast, { assumeValidSDL: true })
  } catch (error) {
    throw invalidSchema(error, sourceId)
  }
}

function parseSdl(graphql: GraphqlModule, text: string, sourceId: string | undefined): DocumentNode {
  try {
    // Syntax errors keep their line and column without per-node locations, which cost a third of the parse.
    return graphql.parse(text, { noLocation: true })
  } catch (error) {
    if (!(error instanceof graphql.GraphQLError)) throw error
    const location = error.locations?.[0]
    const where = location === undefined ? '' : ` at line ${location.line}, column ${location.column}`
    throw new ParseError(
      `${capitalised(documentSubject(sourceId))} is not valid GraphQL SDL${where}: ${error.message}`,
      { format: 'graphql', line: location?.line, column: location?.column },
      { sourceId, cause: error },
    )
  }
}

function schemaFromIntrospection(graphql: GraphqlModule, document: Extract<GraphqlDocument, { kind: 'introspection' }>, sourceId: string | undefined): GraphQLSchema {
  try {
    return graphql.buildClientSchema(document.result, { assumeValid: true })
  } catch (error) {
    throw invalidSchema(error, sourceId)
  }
}

function invalidSchema(error: unknown, sourceId: string | undefined): InvalidSpecError {
  // graphql-js recurses through `ofType` chains: a stack overflow means the document nests absurdly deep.
  const reason = error instanceof RangeError ? 'it is nested too deeply' : error instanceof Error ? error.message : String(error)
  return new InvalidSpecError(`${capitalised(documentSubject(sourceId))} is not a usable GraphQL schema: ${reason}`, { sourceId, cause: error })
}
