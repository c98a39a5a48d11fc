import type { GraphqlFieldNode } from '../nodes.js'
import { isSafeOutputTypeChange } from '../type-ref.js'
import { docsChanges } from './docs-changes.js'
import { inputValueChanges } from './input-value-changes.js'
import type { AddChange } from '../../../diff/create-change.js'
import { localChange } from './local-change.js'

/**
 * Changes of one field present in both versions, root fields included. `label` is `Type.field`;
 * `location` points at the field (`[]` for a root field, whose operation already names it).
 * A return type that only gains non-null wrappers is safe for clients (info); any other type change is breaking.
 */
export function fieldPairChanges(before: GraphqlFieldNode, after: GraphqlFieldNode, label: string, location: string[], addChange: AddChange): void {
  if (before.type !== after.type) {
    const safe = isSafeOutputTypeChange(before.type, after.type)
    addChange(
      localChange(
        'field-type-changed',
        safe ? 'info' : 'breaking',
        [...location, 'returnType'],
        `Field ${label} changed type from ${before.type} to ${after.type}${safe ? ' (never null now: safe)' : ''}`,
        { before: before.type, after: after.type },
      ),
    )
  }
  const argumentOwner = {
    kindPrefix: 'argument',
    noun: 'argument',
    describe: (name: string) => `argument ${name} of field ${label}`,
    label: `field ${label}`,
    location: [...location, 'arguments'],
  }
  inputValueChanges(before.args, after.args, argumentOwner, addChange)
  docsChanges(before, after, 'field', `field ${label}`, location, addChange)
}

/** Changes between the fields of two versions of an object or interface type: removals are breaking, additions info. */
export function fieldListChanges(typeName: string, before: readonly GraphqlFieldNode[], after: readonly GraphqlFieldNode[], addChange: AddChange): void {
  const afterByName = new Map(after.map((field) => [field.name, field]))
  const beforeNames = new Set<string>()
  for (const old of before) {
    beforeNames.add(old.name)
    const label = `${typeName}.${old.name}`
    const location = [typeName, 'fields', old.name]
    const current = afterByName.get(old.name)
    if (current === undefined) {
      const note = old.deprecated === true ? ' (it was deprecated)' : ''
      addChange(localChange('field-removed', 'breaking', location, `Field ${label} was removed${note}`, { before: old.type }))
    } else {
      fieldPairChanges(old, current, label, location, addChange)
    }
  }
  for (const added of after) {
    if (beforeNames.has(added.name)) continue
    addChange(
      localChange('field-added', 'info', [typeName, 'fields', added.name], `Field ${typeName}.${added.name}: ${added.type} was added`, { after: added.type }),
    )
  }
}
