import { capitalised } from '../text.js'
import type { AddChange } from '../../../diff/create-change.js'
import { localChange } from './local-change.js'

/** The documentation part of any schema element. */
export interface Documented {
  description?: string
  deprecated?: true
  deprecationReason?: string
}

/**
 * Description and deprecation changes of one element; all `info`: they change no request's
 * validity. A new deprecation is info too (clients keep working; it announces a later removal).
 * `kindPrefix` names the element in rule ids (`field` gives `field-deprecated`), `subject` in
 * messages (`field User.email`).
 */
export function docsChanges(before: Documented, after: Documented, kindPrefix: string, subject: string, location: string[], addChange: AddChange): void {
  if (before.description !== after.description) {
    const verb = before.description === undefined ? 'added to' : after.description === undefined ? 'removed from' : 'changed on'
    addChange(
      localChange(`${kindPrefix}-description-changed`, 'info', [...location, 'description'], `Description ${verb} ${subject}`, {
        before: before.description,
        after: after.description,
      }),
    )
  }
  const wasDeprecated = before.deprecated === true
  const isDeprecated = after.deprecated === true
  if (!wasDeprecated && isDeprecated) {
    const reason = after.deprecationReason === undefined ? '' : `: ${after.deprecationReason}`
    addChange(
      localChange(`${kindPrefix}-deprecated`, 'info', [...location, 'deprecated'], `${capitalised(subject)} was deprecated${reason}`, {
        after: after.deprecationReason,
      }),
    )
  } else if (wasDeprecated && !isDeprecated) {
    addChange(
      localChange(`${kindPrefix}-deprecation-removed`, 'info', [...location, 'deprecated'], `${capitalised(subject)} is no longer deprecated`, {
        before: before.deprecationReason,
      }),
    )
  } else if (wasDeprecated && before.deprecationReason !== after.deprecationReason) {
    addChange(
      localChange(
        `${kindPrefix}-deprecation-reason-changed`,
        'info',
        [...location, 'deprecationReason'],
        `Deprecation reason of ${subject} changed`,
        { before: before.deprecationReason, after: after.deprecationReason },
      ),
    )
  }
}
