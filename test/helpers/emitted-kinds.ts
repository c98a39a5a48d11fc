import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RuleFormat } from '../../src/diff/rule-catalog.js'
import type { ChangeSet, Severity } from '../../src/model/change.js'
import { diffOpenApi } from '../../src/formats/openapi/diff/index.js'
import { createGraphqlFormat, graphqlFormat } from '../../src/formats/graphql/index.js'
import { openapiFormat } from '../../src/formats/openapi/index.js'
import { postmanFormat } from '../../src/formats/postman/index.js'
import type { ApiSnapshot } from '../../src/model/snapshot.js'
import type { SpecFormat } from '../../src/formats/types.js'
import { COMPAT_DIR, loadOpenApiCases } from './compat-suites.js'

/** Where each emitted kind was seen first, with one example record. */
export interface EmittedKind {
  kind: string
  formats: Set<RuleFormat>
  severities: Set<Severity>
  example: string
  source: string
}

/** Kinds seen in the change sets given to it. */
export class KindCollector {
  readonly kinds = new Map<string, EmittedKind>()

  add(changeSet: ChangeSet, format: RuleFormat, source: string): void {
    for (const change of changeSet.changes) {
      const seen = this.kinds.get(change.kind)
      if (seen === undefined) {
        this.kinds.set(change.kind, { kind: change.kind, formats: new Set([format]), severities: new Set([change.severity]), example: change.message, source })
      } else {
        seen.formats.add(format)
        seen.severities.add(change.severity)
      }
    }
  }
}

async function snapshotOf(format: SpecFormat, text: string, sourceId: string): Promise<ApiSnapshot> {
  const { snapshot, canonical } = await format.normalize(text, { sourceId })
  return { ...snapshot, fingerprint: canonical }
}

/** Diffs two documents of a format into the collector. */
export async function collectPair(collector: KindCollector, format: SpecFormat, before: string, after: string, source: string): Promise<void> {
  const kind: RuleFormat = format.type === 'graphql' ? 'graphql' : format.type === 'postman' ? 'postman' : 'openapi'
  const changeSet = format.diff(await snapshotOf(format, before, `${source}:before`), await snapshotOf(format, after, `${source}:after`))
  collector.add(changeSet, kind, source)
}

/** GraphQL diffed the way each reporting mode does it: `once` (the format's default) and `per-operation`. */
export const graphqlFormats: SpecFormat[] = [graphqlFormat, createGraphqlFormat({ sharedTypeChanges: 'per-operation' })]

export const compatPresent = existsSync(COMPAT_DIR)

/** Every OpenAPI and GraphQL case of the compatibility suites. */
export async function collectCompatSuites(collector: KindCollector): Promise<void> {
  for (const entry of loadOpenApiCases()) {
    for (const run of entry.runs) {
      const before = await snapshotOf(openapiFormat, run.before, `${entry.id}:before`)
      const after = await snapshotOf(openapiFormat, run.after, `${entry.id}:after`)
      collector.add(diffOpenApi(before, after), 'openapi', `compat ${entry.suite}/${entry.id}`)
    }
  }
  const graphqlRoot = join(COMPAT_DIR, 'graphql')
  for (const suite of readdirSync(graphqlRoot).sort()) {
    for (const name of readdirSync(join(graphqlRoot, suite)).sort()) {
      const dir = join(graphqlRoot, suite, name)
      for (const format of graphqlFormats) {
        await collectPair(collector, format, readFileSync(join(dir, 'before.graphql'), 'utf8'), readFileSync(join(dir, 'after.graphql'), 'utf8'), `compat graphql/${suite}/${name}`)
      }
    }
  }
}

export const PAIRS_DIR = new URL('../../../shared/fixtures/pairs/', import.meta.url).pathname
export const SPECS_DIR = new URL('../../../shared/fixtures/specs/', import.meta.url).pathname
export const pairsPresent = existsSync(PAIRS_DIR) && existsSync(SPECS_DIR)

/** The real version pairs of ../shared/fixtures/pairs and the Postman pair of ../shared/fixtures/specs. */
export async function collectRealPairs(collector: KindCollector): Promise<void> {
  const files = readdirSync(PAIRS_DIR)
  for (const file of files.filter((name) => name.includes('.old.')).sort()) {
    const newFile = file.replace('.old.', '.new.')
    const format = file.endsWith('.graphql') ? graphqlFormat : openapiFormat
    await collectPair(collector, format, readFileSync(PAIRS_DIR + file, 'utf8'), readFileSync(PAIRS_DIR + newFile, 'utf8'), `pair ${file}`)
  }
  const postman = ['stripe.postman.2023-06.json', 'stripe.postman.2024-04.json'].map((file) => readFileSync(SPECS_DIR + file, 'utf8'))
  await collectPair(collector, postmanFormat, postman[0]!, postman[1]!, 'pair stripe.postman')
}
