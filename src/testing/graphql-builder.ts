/**
 * A GraphQL schema document (SDL) for `serve`, with the indentation of a template literal removed,
 * so a test can write its schema inline.
 *
 * @example
 * source.serve('https://api.test/schema.graphql', graphqlSchema(`
 *   type Query { pets: [Pet!]! }
 *   type Pet { id: ID!, name: String }
 * `))
 */
export function graphqlSchema(sdl: string): string {
  if (typeof sdl !== 'string' || sdl.trim() === '') throw new TypeError('graphqlSchema: the SDL must be a non-empty string')
  const lines = sdl.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n')
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length)
  const indent = Math.min(...indents)
  return `${lines.map((line) => line.slice(Math.min(indent, /^[ \t]*/.exec(line)![0].length))).join('\n')}\n`
}
