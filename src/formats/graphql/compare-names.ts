import { compareText } from '../../shared/compare-text.js'

/** Sorts items by their `name`, in place, and returns them. */
export function sortByName<T extends { name: string }>(items: T[]): T[] {
  return items.sort((a, b) => compareText(a.name, b.name))
}

/** Added and removed names between two lists (sorted results). */
export function nameListDelta(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const beforeSet = new Set(before)
  const afterSet = new Set(after)
  return {
    added: after.filter((item) => !beforeSet.has(item)).sort(compareText),
    removed: before.filter((item) => !afterSet.has(item)).sort(compareText),
  }
}
