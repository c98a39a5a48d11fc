import type { Severity } from '../../../model/change.js'
import { withSeverity, type AddChange } from '../../../diff/create-change.js'
import { nameListDelta } from '../compare-names.js'
import type { GraphqlDirectiveNode } from '../nodes.js'
import { docsChanges } from './docs-changes.js'
import { inputValueChanges } from './input-value-changes.js'
import { localChange } from './local-change.js'

/** Locations where clients write directives in their requests; the others are server-side annotations. */
const EXECUTABLE_LOCATIONS = new Set([
  'QUERY',
  'MUTATION',
  'SUBSCRIPTION',
  'FIELD',
  'FRAGMENT_DEFINITION',
  'FRAGMENT_SPREAD',
  'INLINE_FRAGMENT',
  'VARIABLE_DEFINITION',
])

const isExecutable = (location: string) => EXECUTABLE_LOCATIONS.has(location)

/**
 * Changes of one custom directive definition (absent on one side when added or removed), reported
 * once for the document. Only directives that clients write in requests (an executable location
 * such as FIELD) can break them; changes to type-system directives (`on FIELD_DEFINITION`, ...)
 * are info, since introspection does not even show where those are applied.
 */
export function directiveChanges(name: string, before: GraphqlDirectiveNode | undefined, after: GraphqlDirectiveNode | undefined, addChange: AddChange): void {
  if (before === undefined) {
    if (after !== undefined) addChange(localChange('directive-added', 'info', [`@${name}`], `Directive @${name} was added`))
    return
  }
  const clientFacing = before.locations.some(isExecutable)
  if (after === undefined) {
    addChange(localChange('directive-removed', clientFacing ? 'breaking' : 'info', [`@${name}`], `Directive @${name} was removed`))
    return
  }
  directivePairChanges(name, before, after, clientFacing ? addChange : (change) => addChange(withSeverity(change, 'info')))
}

function directivePairChanges(name: string, before: GraphqlDirectiveNode, after: GraphqlDirectiveNode, addChange: AddChange): void {
  const label = `@${name}`
  const { added, removed } = nameListDelta(before.locations, after.locations)
  for (const location of removed) {
    const severity: Severity = isExecutable(location) ? 'breaking' : 'info'
    addChange(localChange('directive-location-removed', severity, [label, 'locations', location], `Directive ${label} can no longer be used on ${location}`, { before: location }))
  }
  for (const location of added) {
    addChange(localChange('directive-location-added', 'info', [label, 'locations', location], `Directive ${label} can now be used on ${location}`, { after: location }))
  }
  if (before.repeatable !== after.repeatable) {
    addChange(
      after.repeatable
        ? localChange('directive-became-repeatable', 'info', [label, 'repeatable'], `Directive ${label} became repeatable`)
        : localChange('directive-no-longer-repeatable', 'breaking', [label, 'repeatable'], `Directive ${label} is no longer repeatable`),
    )
  }
  const argumentOwner = {
    kindPrefix: 'directive-argument',
    noun: 'argument',
    describe: (arg: string) => `argument ${arg} of directive ${label}`,
    label: `directive ${label}`,
    location: [label, 'arguments'],
  }
  inputValueChanges(before.args, after.args, argumentOwner, addChange)
  docsChanges(before, after, 'directive', `directive ${label}`, [label], addChange)
}
