import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { canonicalSummary } from '../src/formats/hash.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { NormalizedDocument } from '../src/model/snapshot.js'

/** The large real specs live outside the repository (see ../shared/fixtures/specs/SOURCES.md). */
const SPECS = new URL('../../shared/fixtures/specs/', import.meta.url)
const available = existsSync(SPECS)
const skipMessage = available ? '' : ' (skipped: ../shared/fixtures/specs is missing)'

const cache = new Map<string, Promise<NormalizedDocument>>()

/** Normalizes a large fixture once per test file. */
function normalizeSpec(name: string): Promise<NormalizedDocument> {
  let result = cache.get(name)
  if (result === undefined) {
    const text = readFileSync(new URL(name, SPECS), 'utf8')
    result = openapiFormat.normalize(text, { sourceId: name, contentType: name.endsWith('.yaml') ? 'application/yaml' : 'application/json' })
    cache.set(name, result)
  }
  return result
}

/** How operations of two versions pair by identity, and which of the paired ones changed hash. */
async function comparePair(beforeName: string, afterName: string): Promise<{ same: number; changed: number; removed: number; added: number }> {
  const before = (await normalizeSpec(beforeName)).snapshot
  const after = (await normalizeSpec(afterName)).snapshot
  const afterByIdentity = new Map(after.operations.map((operation) => [operation.identity, operation]))
  let same = 0
  let changed = 0
  let removed = 0
  for (const operation of before.operations) {
    const match = afterByIdentity.get(operation.identity)
    if (match === undefined) removed++
    else if (match.hash === operation.hash) same++
    else changed++
  }
  return { same, changed, removed, added: after.operations.length - same - changed }
}

describe.skipIf(!available)(`large real specs${skipMessage}`, () => {
  it('stripe 2022-04-12 as JSON and as YAML give the same canonical text', async () => {
    const json = await normalizeSpec('stripe.2022-04-12.json')
    const yaml = await normalizeSpec('stripe.2022-04-12.yaml')
    expect(json.snapshot.operations).toHaveLength(417)
    expect(Object.keys(json.snapshot.schemas)).toHaveLength(561)
    expect(yaml.canonical).toBe(json.canonical)
    expect(yaml.snapshot.schemaHashes).toEqual(json.snapshot.schemaHashes)
  })

  it('stripe 2022-04-07 -> 04-12: a change deep in the 68-schema reference cycle reaches every paired operation', async () => {
    expect(await comparePair('stripe.2022-04-07.json', 'stripe.2022-04-12.json')).toEqual({ same: 0, changed: 416, removed: 0, added: 1 })
  })

  it('github-api 2021-10: every operation and component schema, canonical text the Merkle summary of the snapshot', async () => {
    const { snapshot, canonical } = await normalizeSpec('github-api.2021-10.json')
    expect(snapshot.specVersion).toBe('3.0.3')
    expect(snapshot.operations).toHaveLength(771)
    expect(Object.keys(snapshot.schemas)).toHaveLength(299)
    expect(Object.keys(snapshot.schemaHashes!)).toHaveLength(299)
    expect(new Set(snapshot.operations.map((operation) => operation.identity)).size).toBe(771)
    expect(canonical).toBe(canonicalSummary(snapshot))
    // A few bytes per operation and schema instead of the whole resolved document.
    expect(canonical.length).toBeLessThan(150_000)
  })

  it('github-api 2020-07 -> 2021-01: renamed path parameters keep their operations (nothing removed)', async () => {
    const pairing = await comparePair('github-api.2020-07.json', 'github-api.2021-01.json')
    expect(pairing.removed).toBe(0)
    expect(pairing.added).toBe(83)
    const after = (await normalizeSpec('github-api.2021-01.json')).snapshot
    const renamed = after.operations.find((operation) => operation.key === 'GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}')
    expect(renamed?.identity).toBe('GET /repos/{}/{}/code-scanning/alerts/{}')
  })

  it('kubernetes v1.33 (Swagger 2.0): operations, definitions as component schemas, security', async () => {
    const { snapshot } = await normalizeSpec('kubernetes.v1.33.swagger.json')
    expect(snapshot.specVersion).toBe('2.0')
    expect(snapshot.operations).toHaveLength(1041)
    expect(Object.keys(snapshot.schemas)).toHaveLength(707)
    expect(Object.keys(snapshot.schemas).every((pointer) => pointer.startsWith('#/components/schemas/'))).toBe(true)
    expect(snapshot.securitySchemes['BearerToken']).toMatchObject({ type: 'apiKey', in: 'header', name: 'authorization' })
    expect(snapshot.warnings).toEqual([])
  })

  it('kubernetes v1.32 -> v1.33: changed definitions reach 520 operations', async () => {
    expect(await comparePair('kubernetes.v1.32.swagger.json', 'kubernetes.v1.33.swagger.json')).toEqual({ same: 425, changed: 520, removed: 2, added: 96 })
  })
})
