import { isRequiredInput, type GraphqlInputValueNode } from '../nodes.js'
import { capitalised } from '../text.js'
import { isSafeInputTypeChange } from '../type-ref.js'
import { docsChanges } from './docs-changes.js'
import type { AddChange } from '../../../diff/create-change.js'
import { localChange, type LocalChange } from './local-change.js'

/** Where a list of input values lives: the arguments of a field or directive, or the fields of an input type. */
export interface InputValueOwner {
  /** Rule id prefix: `argument`, `input-field` or `directive-argument`. */
  kindPrefix: string
  /** What one value is called in messages: `argument`, `input field`. */
  noun: string
  /** Names one value in messages: `argument first of field User.posts`. */
  describe: (name: string) => string
  /** Names the owner in messages: `field User.posts`. */
  label: string
  /** Location of the list; each value adds its name. */
  location: string[]
}

/**
 * Changes between two lists of input values (arguments or input fields), judged from the client's
 * side: anything a client used to send must still be accepted. Removing a value, adding a required
 * one (non-null without default) or narrowing a type is breaking; a changed default is a warning
 * (clients that omit the value get other behaviour); the rest is info.
 */
export function inputValueChanges(before: readonly GraphqlInputValueNode[], after: readonly GraphqlInputValueNode[], owner: InputValueOwner, addChange: AddChange): void {
  const afterByName = new Map(after.map((value) => [value.name, value]))
  const beforeNames = new Set<string>()
  for (const old of before) {
    beforeNames.add(old.name)
    const location = [...owner.location, old.name]
    const current = afterByName.get(old.name)
    if (current === undefined) {
      addChange(
        localChange(`${owner.kindPrefix}-removed`, 'breaking', location, `${capitalised(owner.describe(old.name))} was removed`, { before: old.type }),
      )
      continue
    }
    inputValuePairChanges(old, current, owner, location, addChange)
  }
  for (const added of after) {
    if (beforeNames.has(added.name)) continue
    const required = isRequiredInput(added)
    addChange(
      localChange(
        `${owner.kindPrefix}-added`,
        required ? 'breaking' : 'info',
        [...owner.location, added.name],
        `${required ? 'Required' : 'Optional'} ${owner.noun} ${added.name}: ${added.type} was added to ${owner.label}`,
        { after: added.type },
      ),
    )
  }
}

function inputValuePairChanges(before: GraphqlInputValueNode, after: GraphqlInputValueNode, owner: InputValueOwner, location: string[], addChange: AddChange): void {
  const subject = owner.describe(before.name)
  const typeChanged = before.type !== after.type
  if (typeChanged) {
    const safe = isSafeInputTypeChange(before.type, after.type)
    addChange(
      localChange(
        `${owner.kindPrefix}-type-changed`,
        safe ? 'info' : 'breaking',
        [...location, 'type'],
        `${capitalised(subject)} changed type from ${before.type} to ${after.type}${safe ? ' (accepts more values: safe)' : ''}`,
        { before: before.type, after: after.type },
      ),
    )
  }
  if (before.default !== after.default) addChange(defaultChange(before, after, owner, subject, location, typeChanged))
  docsChanges(before, after, owner.kindPrefix, subject, location, addChange)
}

/**
 * A default added to a non-null value makes it optional (info); removing it makes the value
 * required (breaking). Otherwise clients that omit the value now get another one: a warning.
 */
function defaultChange(
  before: GraphqlInputValueNode,
  after: GraphqlInputValueNode,
  owner: InputValueOwner,
  subject: string,
  location: string[],
  typeChanged: boolean,
): LocalChange {
  const values = { before: before.default, after: after.default }
  const wasRequired = isRequiredInput(before)
  const isRequired = isRequiredInput(after)
  if (!typeChanged && !wasRequired && isRequired) {
    return localChange(`${owner.kindPrefix}-became-required`, 'breaking', [...location, 'default'], `${capitalised(subject)} became required: its default value ${before.default} was removed`, values)
  }
  if (!typeChanged && wasRequired && !isRequired) {
    return localChange(`${owner.kindPrefix}-became-optional`, 'info', [...location, 'default'], `${capitalised(subject)} became optional: it got the default value ${after.default}`, values)
  }
  const message =
    before.default === undefined
      ? `Default value ${after.default} was added to ${subject}`
      : after.default === undefined
        ? `Default value ${before.default} was removed from ${subject}`
        : `Default value of ${subject} changed from ${before.default} to ${after.default}`
  return localChange(`${owner.kindPrefix}-default-changed`, 'warning', [...location, 'default'], message, values)
}
