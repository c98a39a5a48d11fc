import { nameListDelta } from '../compare-names.js'
import type { GraphqlEnumNode, GraphqlTypeNode } from '../nodes.js'
import { docsChanges } from './docs-changes.js'
import { fieldListChanges } from './field-changes.js'
import { inputValueChanges } from './input-value-changes.js'
import type { AddChange } from '../../../diff/create-change.js'
import { localChange } from './local-change.js'
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
  addChange: AddChange,
): void {
  if (before.kind !== after.kind) {
    addChange(
      localChange('type-kind-changed', 'breaking', [name], `Type ${name} changed kind from ${before.kind} to ${after.kind}`, {
        before: before.kind,
        after: after.kind,
      }),
    )
    return
  }
  docsChanges(before, after, 'type', `type ${name}`, [name], addChange)
  if ((before.kind === 'OBJECT' || before.kind === 'INTERFACE') && after.kind === before.kind) {
    interfaceListChanges(name, before.interfaces, after.interfaces, addChange)
    fieldListChanges(name, before.fields, after.fields, addChange)
    if (before.kind === 'INTERFACE') {
      // A removed type is reported once, by `type-removed`: not again as a lost implementation or union member.
      const stillDefined = (type: string) => implementations.afterTypes.has(type)
      implementationChanges(name, (implementations.before.get(name) ?? []).filter(stillDefined), implementations.after.get(name) ?? [], addChange)
    }
  } else if (before.kind === 'UNION' && after.kind === 'UNION') {
    unionMemberChanges(name, before.members.filter((member) => implementations.afterTypes.has(member)), after.members, addChange)
  } else if (before.kind === 'ENUM' && after.kind === 'ENUM') {
    enumValueChanges(name, before, after, reach, addChange)
  } else if (before.kind === 'INPUT_OBJECT' && after.kind === 'INPUT_OBJECT') {
    const fieldOwner = {
      kindPrefix: 'input-field',
      noun: 'input field',
      describe: (field: string) => `input field ${name}.${field}`,
      label: `input type ${name}`,
      location: [name, 'fields'],
    }
    inputValueChanges(before.fields, after.fields, fieldOwner, addChange)
    if (before.oneOf !== after.oneOf) {
      addChange(
        after.oneOf === true
          ? localChange('input-type-became-one-of', 'breaking', [name, 'oneOf'], `Input type ${name} became @oneOf: exactly one field must be given`)
          : localChange('input-type-no-longer-one-of', 'info', [name, 'oneOf'], `Input type ${name} is no longer @oneOf`),
      )
    }
  }
}

function interfaceListChanges(name: string, before: readonly string[], after: readonly string[], addChange: AddChange): void {
  const { added, removed } = nameListDelta(before, after)
  for (const iface of removed) {
    addChange(localChange('type-interface-removed', 'breaking', [name, 'interfaces', iface], `Type ${name} no longer implements interface ${iface}`, { before: iface }))
  }
  for (const iface of added) {
    addChange(localChange('type-interface-added', 'info', [name, 'interfaces', iface], `Type ${name} now implements interface ${iface}`, { after: iface }))
  }
}

/**
 * An interface field can return each implementation: a new one may surprise clients, a removed one breaks their fragments on it.
 * The caller leaves out implementations whose type was removed: `type-removed` already says so.
 */
function implementationChanges(name: string, before: readonly string[], after: readonly string[], addChange: AddChange): void {
  const { added, removed } = nameListDelta(before, after)
  for (const type of removed) {
    addChange(localChange('interface-implementation-removed', 'breaking', [name, 'implementations', type], `Type ${type} no longer implements interface ${name}`, { before: type }))
  }
  for (const type of added) {
    addChange(
      localChange(
        'interface-implementation-added',
        'warning',
        [name, 'implementations', type],
        `Type ${type} now implements interface ${name}: fields of type ${name} can return it, and clients may not handle it`,
        { after: type },
      ),
    )
  }
}

function unionMemberChanges(name: string, before: readonly string[], after: readonly string[], addChange: AddChange): void {
  const { added, removed } = nameListDelta(before, after)
  for (const member of removed) {
    addChange(localChange('union-member-removed', 'breaking', [name, 'members', member], `Member ${member} was removed from union ${name}`, { before: member }))
  }
  for (const member of added) {
    addChange(localChange('union-member-added', 'warning', [name, 'members', member], `Member ${member} was added to union ${name}: clients may not handle it`, { after: member }))
  }
}

function enumValueChanges(name: string, before: GraphqlEnumNode, after: GraphqlEnumNode, reach: Reach, addChange: AddChange): void {
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
      addChange(localChange('enum-value-removed', sent ? 'breaking' : 'info', location, message, { before: old.name }))
    } else {
      docsChanges(old, current, 'enum-value', `enum value ${name}.${old.name}`, location, addChange)
    }
  }
  for (const added of after.values) {
    if (beforeNames.has(added.name)) continue
    const message = received
      ? `Enum value ${name}.${added.name} was added: clients may not handle it`
      : `Enum value ${name}.${added.name} was added`
    addChange(localChange('enum-value-added', received ? 'warning' : 'info', [name, 'values', added.name], message, { after: added.name }))
  }
}
