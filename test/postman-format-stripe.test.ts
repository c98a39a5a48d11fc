import { existsSync, readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ChangeSet } from '../src/model/change.js'
import { canonicalJson } from '../src/formats/hash.js'
import { postmanFormat } from '../src/formats/postman/index.js'
import type { ApiSnapshot, NormalizedDocument } from '../src/model/snapshot.js'

/** The shared real-spec folder (see its SOURCES.md); large files are read from there, not copied. */
const SPECS = new URL('../../shared/fixtures/specs/', import.meta.url)
const OLDER = new URL('stripe.postman.2023-06.json', SPECS)
const NEWER = new URL('stripe.postman.2024-04.json', SPECS)
const available = existsSync(OLDER) && existsSync(NEWER)

async function normalizeFile(file: URL): Promise<NormalizedDocument> {
  return postmanFormat.normalize(readFileSync(file, 'utf8'), { sourceId: 'stripe-postman' })
}

function withFingerprint(document: NormalizedDocument): ApiSnapshot {
  return { ...document.snapshot, fingerprint: 'not-used' }
}

describe.skipIf(!available)(
  `Stripe Postman collection 2023-06 -> 2024-04 (skipped when ${SPECS.pathname}stripe.postman.*.json is missing)`,
  () => {
    let older: NormalizedDocument
    let newer: NormalizedDocument
    let changes: ChangeSet

    beforeAll(async () => {
      older = await normalizeFile(OLDER)
      newer = await normalizeFile(NEWER)
      changes = postmanFormat.diff(withFingerprint(older), withFingerprint(newer))
    })

    it('normalizes both versions: every request kept, one duplicate pair kept apart', () => {
      expect(older.snapshot.specVersion).toBe('2.1.0')
      expect(older.snapshot.title).toBe('Stripe API')
      expect(older.snapshot.operations).toHaveLength(379)
      expect(newer.snapshot.operations).toHaveLength(457)
      expect(new Set(older.snapshot.operations.map((operation) => operation.key)).size).toBe(379)
      expect(new Set(newer.snapshot.operations.map((operation) => operation.key)).size).toBe(456)
      expect(new Set(newer.snapshot.operations.map((operation) => operation.identity)).size).toBe(457)
      expect(newer.snapshot.servers).toEqual(['https://files.stripe.com', '{{baseUrl}}'])
      expect(newer.snapshot.warnings).toEqual([])
      // The one key used twice: the same request in "Payment Method Domains" and in a folder without a name.
      const twins = newer.snapshot.operations.filter(
        (operation) => operation.key === 'POST /v1/payment_method_domains/{payment_method_domain}/validate',
      )
      expect(twins.map((operation) => operation.folder)).toEqual([[''], ['Payment Method Domains']])
    })

    it('reads a typical request: object URL without raw, :var path, form body, inherited bearer auth', () => {
      const update = newer.snapshot.operations.find((operation) => operation.key === 'POST /v1/customers/{customer}')!
      expect(update.identity).toBe('POST /v1/customers/{}')
      expect(update.summary).toBe('Update a customer')
      expect(update.folder).toEqual(['Customers'])
      expect(update.extra).toMatchObject({ bodyMode: 'urlencoded', auth: { type: 'bearer', keys: ['token'] }, server: '{{baseUrl}}' })
      expect(update.parameters.find((parameter) => parameter.in === 'path')).toMatchObject({ name: 'customer', required: true })
      expect(Object.keys(update.requestBody!.content)).toEqual(['application/x-www-form-urlencoded'])
      expect(update.description).toContain('Updates the specified customer')
    })

    it('diffs: 78 added, nothing removed, 131 modified, nothing breaking', () => {
      expect(changes.summary).toMatchObject({ added: 78, removed: 0, modified: 131, breaking: 0, operations: 209 })
      expect(changes.summary.warning + changes.summary.info).toBe(changes.changes.length)
      expect(changes.changes.filter((change) => change.kind === 'operation-changed')).toEqual([])
      // Both twins are new in 2024-04.
      expect(changes.added.filter((operation) => operation.key.endsWith('/validate') && operation.key.includes('payment_method_domains'))).toHaveLength(2)
    })

    it('sees the quote PDF download move to files.stripe.com as the same request on another server', () => {
      const pdf = changes.modified.find((entry) => entry.operation.key === 'GET /v1/quotes/{quote}/pdf')
      expect(pdf?.changes.map((change) => change.kind)).toEqual(['operation-server-changed', 'description-changed'])
      expect(pdf?.changes[0]).toMatchObject({ severity: 'warning', before: '{{baseUrl}}', after: 'https://files.stripe.com' })
    })

    it('sees the four customer tax ID requests renamed and moved to the "Tax IDs" folder', () => {
      const taxIds = changes.modified.filter((entry) => entry.operation.key.includes('/v1/customers/{customer}/tax_ids'))
      expect(taxIds.map((entry) => entry.operation.key)).toEqual([
        'DELETE /v1/customers/{customer}/tax_ids/{id}',
        'GET /v1/customers/{customer}/tax_ids',
        'GET /v1/customers/{customer}/tax_ids/{id}',
        'POST /v1/customers/{customer}/tax_ids',
      ])
      for (const entry of taxIds) {
        const folderMove = entry.changes.find((change) => change.kind === 'operation-folder-changed')
        expect(folderMove).toMatchObject({ severity: 'info', before: ['Customer Tax Ids'], after: ['Tax IDs'] })
        expect(entry.changes.some((change) => change.kind === 'summary-changed')).toBe(true)
      }
      expect(taxIds[1]!.changes.find((change) => change.kind === 'summary-changed')).toMatchObject({
        before: 'List all tax IDs',
        after: 'List all Customer tax IDs',
      })
    })

    it('gives the same canonical text for the same bytes normalized twice', async () => {
      const again = await normalizeFile(NEWER)
      expect(again.canonical).toBe(newer.canonical)
    })

    it('builds every request with its keys in canonical order (hashing takes the native JSON.stringify path)', () => {
      const outOfOrder = newer.snapshot.operations.filter(({ identity: _identity, hash: _hash, ...operation }) => JSON.stringify(operation) !== canonicalJson(operation))
      expect(outOfOrder.map((operation) => operation.identity)).toEqual([])
    })
  },
)
