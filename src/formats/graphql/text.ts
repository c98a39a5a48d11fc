/** Upper-cases the first letter, for messages that start with a subject (`field User.email`). */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** `the document of source "x"`, or `the document` when no source is known. */
export function documentSubject(sourceId: string | undefined): string {
  return sourceId === undefined ? 'the document' : `the document of source "${sourceId}"`
}
