/** Line breaks, tabs, double spaces, or whitespace at either end. */
const NEEDS_WORK = /[\n\r\t\f\v]| {2}|^\s|\s$/

/**
 * Normalises a description so that reflowed text compares equal: surrounding whitespace dropped,
 * paragraphs (blank-line separated) kept, and every whitespace run inside a paragraph collapsed to
 * one space. SDL printers wrap long descriptions while introspection JSON keeps them on one line
 * (76 types of GitHub's 2021-10 schema differ only that way), so only the words can count.
 * Empty descriptions count as none.
 */
export function normalizeDescription(text: string | null | undefined): string | undefined {
  if (text === null || text === undefined) return undefined
  // Most descriptions are one clean line: skip the splitting for them.
  if (!NEEDS_WORK.test(text)) return text === '' ? undefined : text
  const paragraphs: string[] = []
  for (const paragraph of text.split(/\n[ \t\r]*\n/)) {
    const words = paragraph.replace(/\s+/g, ' ').trim()
    if (words !== '') paragraphs.push(words)
  }
  return paragraphs.length === 0 ? undefined : paragraphs.join('\n\n')
}
