import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { diffDocuments } from '../src/formats/diff-documents.js'
import { isInvalidSpecError, isParseError } from '../src/errors/errors.js'
import { canonicalSummary, sha256Hex } from '../src/formats/hash.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { snapshotOf } from '../src/formats/snapshot-of.js'
import type { ParseContext, SpecFormat } from '../src/formats/types.js'
import { openapiDoc } from './helpers/fake-loader.js'

/** Issue 10, move 6: "normalize + fingerprint" written once, for the service, `diffDocuments`, `testSource` and the CLI. */
const doc = openapiDoc({ 'get /pets': { summary: 'List' }, 'post /pets': {} }, { title: 'Pets' })

/** A format that hands the text to OpenAPI's, noting the context it was given, or fails with `failure`. */
function recordingFormat(failure?: Error): SpecFormat & { contexts: ParseContext[] } {
  const contexts: ParseContext[] = []
  return {
    type: 'openapi',
    contexts,
    async normalize(text, context) {
      contexts.push(context)
      if (failure !== undefined) throw failure
      return openapiFormat.normalize(text, context)
    },
    diff: (before, after, options) => openapiFormat.diff(before, after, options),
  }
}

describe('snapshotOf', () => {
  it('fingerprints the canonical text: the same for the same definition in another key order or as YAML', async () => {
    const parsed = JSON.parse(doc) as Record<string, unknown>
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(parsed).reverse()), null, 2)
    const fromJson = await snapshotOf(openapiFormat, doc, { sourceId: 'a', contentType: 'application/json' })
    const fromReordered = await snapshotOf(openapiFormat, reordered, { sourceId: 'b' })
    const fromYaml = await snapshotOf(openapiFormat, stringify(parsed), { sourceId: 'c', contentType: 'application/yaml' })

    expect(fromJson.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(fromJson.fingerprint).toBe(await sha256Hex(canonicalSummary(fromJson)))
    expect(fromReordered.fingerprint).toBe(fromJson.fingerprint)
    expect(fromYaml.fingerprint).toBe(fromJson.fingerprint)
    expect(fromJson.operations.map((operation) => operation.key)).toEqual(['GET /pets', 'POST /pets'])

    const changed = await snapshotOf(openapiFormat, openapiDoc({ 'get /pets': { summary: 'All pets' }, 'post /pets': {} }, { title: 'Pets' }), { sourceId: 'd' })
    expect(changed.fingerprint).not.toBe(fromJson.fingerprint)
  })

  it('hands the format the context as given (source, content type, parsed value)', async () => {
    const format = recordingFormat()
    const context = { sourceId: 'pets', contentType: 'application/json', parsed: JSON.parse(doc) as unknown }
    await snapshotOf(format, doc, context)
    expect(format.contexts).toEqual([context])
  })

  it("passes the format's own errors through", async () => {
    const error = await snapshotOf(openapiFormat, '{ "openapi": ', { sourceId: 'pets', contentType: 'application/json' }).catch((thrown: unknown) => thrown)
    expect(isParseError(error)).toBe(true)
  })

  it('turns any other failure into INVALID_SPEC naming the source and the type', async () => {
    const bug = await snapshotOf(recordingFormat(new TypeError('x is undefined')), doc, { sourceId: 'pets' }).catch((thrown: unknown) => thrown)
    expect(isInvalidSpecError(bug)).toBe(true)
    expect(bug).toMatchObject({ sourceId: 'pets', message: 'The document of source "pets" could not be read as openapi: x is undefined' })

    const deep = await snapshotOf(recordingFormat(new RangeError('Maximum call stack size exceeded')), doc, { sourceId: 'pets' }).catch((thrown: unknown) => thrown)
    expect(deep).toMatchObject({ message: 'The document of source "pets" could not be read as openapi: it is nested too deeply' })
  })
})

describe('diffDocuments reads through snapshotOf', () => {
  it("reports a format's failure as INVALID_SPEC naming the document, as the service does", async () => {
    const error = await diffDocuments(doc, doc, { type: 'openapi', formats: [recordingFormat(new TypeError('x is undefined'))] }).catch((thrown: unknown) => thrown)
    expect(isInvalidSpecError(error)).toBe(true)
    expect(error).toMatchObject({ sourceId: 'old' })
  })

  it('finds no change between the same definition written two ways', async () => {
    const changes = await diffDocuments(doc, stringify(JSON.parse(doc)))
    expect(changes.changes).toEqual([])
  })
})
