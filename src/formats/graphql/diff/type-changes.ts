import { nameListDelta } from '../compare-names.js'
import type { GraphqlEnumNode, GraphqlTypeNode } from '../nodes.js'
import { docsChanges } from './docs-changes.js'
import { fieldListChanges } from './field-changes.js'
import { inputValueChanges } from './input-value-changes.js'
import { localChange, type LocalChange } from './local-change.js'
import { REACHED_AS_INPUT, REACHED_AS_OUTPUT, type Reach } from './reach.js'

/** Implementations of each interface in one version (see `implementationsIndex`). */
export type Implementations = ReadonlyMap<string, readonly string[]>

/**
 * Changes inside one named type present in both versions, located from the type's name
 * (`['User', 'fields', 'email']`). Rules follow graphql-inspector's criticality, except where
 * the brief asks otherwise (optional additions are info) and where the way the type is reached
 * decides: an enum value removed only breaks clients that send it, an enum value added only
 * surprises clients that receive it.
 */
export function typePairChanges(
  name: string,
  before: GraphqlTypeNode,
  after: GraphqlTypeNode,
  reach: Reach,
  implementations: { before: Implementations; after: Implementations; afterTypes: ReadonlyMap<string, unknown> },
): LocalChange[] {
  if (before.kind !== after.kind) {
    return [
      localChange('type-kind-changed', 'breaking', [name], `Type ${name} changed kind from ${before.kind} to ${after.kind}`, {
        before: before.kind,
        after: after.kind,
      }),
    ]
  }
  const changes = docsChanges(before, after, 'type', `type ${name}`, [name])
  if ((before.kind === 'OBJECT' || before.kind === 'INTERFACE') && after.kind === before.kind) {
    changes.push(...interfaceListChanges(name, before.interfaces, after.interfaces))
    changes.push(...fieldListChanges(name, before.fields, after.fields))
    if (before.kind === 'INTERFACE') {
      // A removed type is reported once, by `type-removed`: not again as a lost implementation or union member.
      const stillDefined = (type: string) => implementations.afterTypes.has(type)
      changes.push(...implementationChanges(name, (implementations.before.get(name) ?? []).filter(stillDefined), implementations.after.get(name) ?? []))
    }
  } else if (before.kind === 'UNION' && after.kind === 'UNION') {
    changes.push(...unionMemberChanges(name, before.members.filter((member) => implementations.afterTypes.has(member)), after.members))
  } else if (before.kind === 'ENUM' && after.kind === 'ENUM') {
    changes.push(...enumValueChanges(name, before, after, reach))
  } else if (before.kind === 'INPUT_OBJECT' && after.kind === 'INPUT_OBJECT') {
    changes.push(
      ...inputValueChanges(before.fields, after.fields, {
        kindPrefix: 'input-field',
        noun: 'input field',
        describe: (field) => `input field ${name}.${field}`,
        label: `input type ${name}`,
        location: [name, 'fields'],
      }),
    )
    if (before.oneOf !== after.oneOf) {
      changes.push(
        after.oneOf === true
          ? localChange('input-type-became-one-of', 'breaking', [name, 'oneOf'], `Input type ${name} became @oneOf: exactly one field must be given`)
          : localChange('input-type-no-longer-one-of', 'info', [name, 'oneOf'], `Input type ${name} is no longer @oneOf`),
      )
    }
  }
  return changes
}

function interfaceListChanges(name: string, before: readonly string[], after: readonly string[]): LocalChange[] {
  const { added, removed } = nameListDelta(before, after)
  return [
    ...removed.map((iface) =>
      localChange('type-interface-removed', 'breaking', [name, 'interfaces', iface], `Type ${name} no longer implements interface ${iface}`, { before: iface }),
    ),
    ...added.map((iface) => localChange('type-interface-added', 'info', [name, 'interfaces', iface], `Type ${name} now implements interface ${iface}`, { after: iface })),
  ]
}

/**
 * An interface field can return each implementation: a new one may surprise clients, a removed one breaks their fragments on it.
 * The caller leaves out implementations whose type was removed: `type-removed` already says so.
 */
function implementationChanges(name: string, before: readonly string[], after: readonly string[]): LocalChange[] {
  const { added, removed } = nameListDelta(before, after)
  return [
    ...removed.map((type) =>
      localChange('interface-implementation-removed', 'breaking', [name, 'implementations', type], `Type ${type} no longer implements interface ${name}`, {
        before: type,
      }),
    ),
    ...added.map((type) =>
      localChange(
        'interface-implementation-added',
        'warning',
        [name, 'implementations', type],
        `Type ${type} now implements interface ${name}: fields of type ${name} can return it, and clients may not handle it`,
        { after: type },
      ),
    ),
  ]
}

function unionMemberChanges(name: string, before: readonly string[], after: readonly string[]): LocalChange[] {
  const { added, removed } = nameListDelta(before, after)
  return [
    ...removed.map((member) =>
      localChange('union-member-removed', 'breaking', [name, 'members', member], `Member ${member} was removed from union ${name}`, { before: member }),
    ),
    ...added.map((member) =>
      localChange('union-member-added', 'warning', [name, 'members', member], `Member ${member} was added to union ${name}: clients may not handle it`, {
        after: member,
      }),
    ),
  ]
}

function enumValueChanges(name: string, before: GraphqlEnumNode, after: GraphqlEnumNode, reach: Reach): LocalChange[] {
  const changes: LocalChange[] = []
  const afterByName = new Map(after.values.map((value) => [value.name, value]))
  const beforeNames = new Set<string>()
  const sent = (reach & REACHED_AS_INPUT) !== 0
  const received = (reach & REACHED_AS_OUTPUT) !== 0
  for (const old of before.values) {
    beforeNames.add(old.name)
    const location = [name, 'values', old.name]
    const current = afterByName.get(old.name)
    if (current === undefined) {
      const message = sent
        ? `Enum value ${name}.${old.name} was removed`
        : `Enum value ${name}.${old.name} was removed (it is only returned here, so requests stay valid)`
      changes.push(localChange('enum-value-removed', sent ? 'breaking' : 'info', location, message, { before: old.name }))
    } else {
      changes.push(...docsChanges(old, current, 'enum-value', `enum value ${name}.${old.name}`, location))
    }
  }
  for (const added of after.values) {
    if (beforeNames.has(added.name)) continue
    const message = received
      ? `Enum value ${name}.${added.name} was added: clients may not handle it`
      : `Enum value ${name}.${added.name} was added`
    changes.push(localChange('enum-value-added', received ? 'warning' : 'info', [name, 'values', added.name], message, { after: added.name }))
  }
  return changes
}
