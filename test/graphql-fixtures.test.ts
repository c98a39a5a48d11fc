import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Change } from '../src/model/change.js'
import { sha256Hex } from '../src/formats/hash.js'
import { graphqlFormat } from '../src/formats/graphql/index.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'

/** Real GitHub GraphQL schemas from ../shared/fixtures/specs (see SOURCES.md there): too large to copy. */
const specs = join(import.meta.dirname, '../../shared/fixtures/specs')
const files = {
  sdl2021: join(specs, 'github.2021-10.schema.graphql'),
  introspection2021: join(specs, 'github.2021-10.introspection.json'),
  sdl2024: join(specs, 'github.2024-02.schema.graphql'),
  sdl2025: join(specs, 'github.2025-02.schema.graphql'),
}
const available = Object.values(files).every((file) => existsSync(file))

/** Root fields whose own definition changed (not through shared types), descriptions aside: SOURCES.md counts them independently. */
function rootFieldsChanged(changes: readonly Change[]): string[] {
  const keys = changes
    .filter((change) => change.component === undefined && change.operation !== undefined)
    .filter((change) => !change.kind.startsWith('operation-') && !change.kind.endsWith('-description-changed'))
    .map((change) => change.operation!)
  return [...new Set(keys)].sort()
}

async function load(file: string): Promise<{ snapshot: ApiSnapshot; ms: number }> {
  const text = readFileSync(file, 'utf8')
  const started = performance.now()
  const { snapshot, canonical } = await graphqlFormat.normalize(text, { sourceId: file.split('/').pop()! })
  const ms = performance.now() - started
  return { snapshot: { ...snapshot, fingerprint: await sha256Hex(canonical) }, ms }
}

describe.skipIf(!available)(`GitHub GraphQL schemas${available ? '' : ' (skipped: ../shared/fixtures/specs/github.*.graphql not found)'}`, () => {
  it('gives SDL and introspection JSON of the same schema the same fingerprint', async () => {
    const sdl = await load(files.sdl2021)
    const introspection = await load(files.introspection2021)
    console.log(`github 2021-10: SDL normalized in ${sdl.ms.toFixed(0)} ms, introspection JSON in ${introspection.ms.toFixed(0)} ms`)
    expect(introspection.snapshot.fingerprint).toBe(sdl.snapshot.fingerprint)
    // 1113 named types minus the 5 built-in scalars, plus #/schema; 183 root fields.
    expect(Object.keys(sdl.snapshot.schemas)).toHaveLength(1109)
    expect(sdl.snapshot.operations).toHaveLength(183)
    expect(sdl.snapshot.warnings).toEqual([])
  })

  it('diffs 2021-10 against 2024-02: 69 root fields added, none removed, 4 changed', async () => {
    const before = await load(files.sdl2021)
    const after = await load(files.sdl2024)
    const started = performance.now()
    const changeSet = graphqlFormat.diff(before.snapshot, after.snapshot)
    const ms = performance.now() - started
    const bySeverity = { breaking: 0, warning: 0, info: 0 }
    for (const change of changeSet.changes) bySeverity[change.severity]++
    console.log(
      `github 2021-10 -> 2024-02: normalize ${after.ms.toFixed(0)} ms, diff ${ms.toFixed(0)} ms, ${JSON.stringify(changeSet.summary)}, ` +
        `${changeSet.changes.length} changes ${JSON.stringify(bySeverity)}`,
    )
    expect(changeSet.summary.added).toBe(69)
    expect(changeSet.summary.removed).toBe(0)
    expect(rootFieldsChanged(changeSet.changes)).toEqual(['QUERY repository', 'QUERY securityAdvisories', 'QUERY securityVulnerabilities', 'QUERY sponsorables'])
    expect(changeSet.changes.filter((change) => change.kind === 'type-added')).toHaveLength(409)
    expect(changeSet.changes.filter((change) => change.kind === 'type-removed')).toHaveLength(4)
    // Every modified operation is explained by a rule, never by the generic fallback.
    expect(changeSet.changes.filter((change) => change.kind === 'operation-changed')).toEqual([])
    expect(changeSet.breaking).toBe(true)
    // Shared-type changes are reported once, each listing the operations it reaches: no multiplication.
    const shared = changeSet.changes.filter((change) => change.operations !== undefined)
    expect(shared.length).toBeGreaterThan(0)
    for (const change of shared) expect(new Set(change.operations!.map((reach) => reach.operation)).size).toBe(change.operations!.length)
    expect(changeSet.changes.every((change) => change.kind !== 'reached-types-changed')).toBe(true)
    expect(changeSet.changes.length).toBeLessThan(5000)
    // The per-operation view refers to the causes: every modified operation reaches something.
    const causes = new Set(changeSet.changes)
    expect(changeSet.modified.every((entry) => entry.changes.length > 0 && entry.changes.every((change) => causes.has(change)))).toBe(true)
  })

  it('diffs 2024-02 against 2025-02: 28 root fields added, 2 removed, 16 changed, duplicate fields warned about', async () => {
    const before = await load(files.sdl2024)
    const after = await load(files.sdl2025)
    const changeSet = graphqlFormat.diff(before.snapshot, after.snapshot)
    expect(changeSet.summary.added).toBe(28)
    expect(changeSet.removed.map((operation) => operation.key)).toEqual(['MUTATION markNotificationAsDone', 'MUTATION unsubscribeFromNotifications'])
    expect(rootFieldsChanged(changeSet.changes)).toHaveLength(16)
    expect(after.snapshot.warnings).toEqual([
      'GraphQL schema validation: EnterpriseOwnerInfo.repositoryDeployKeySetting is defined more than once; the last definition is used',
      'GraphQL schema validation: EnterpriseOwnerInfo.repositoryDeployKeySettingOrganizations is defined more than once; the last definition is used',
    ])
  })
})
