import { changeSetToJSON } from '../diff/change-set-json.js'
import type { ChangeSet } from '../model/change.js'

/** The JSON text of a change set (`--format json`): each cause once (`changeSetToJSON`), indented, ending with a newline. */
export function renderJson(changeSet: ChangeSet): string {
  return `${JSON.stringify(changeSetToJSON(changeSet), null, 2)}\n`
}
