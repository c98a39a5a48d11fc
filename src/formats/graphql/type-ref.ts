/** A GraphQL type reference parsed from its printed form (`[ID!]!`). */
export type TypeRef = { kind: 'NON_NULL'; ofType: TypeRef } | { kind: 'LIST'; ofType: TypeRef } | { kind: 'NAMED'; name: string }

/** Parses a printed type reference such as `[ID!]!`. */
export function parseTypeRef(text: string): TypeRef {
  if (text.endsWith('!')) return { kind: 'NON_NULL', ofType: parseTypeRef(text.slice(0, -1)) }
  if (text.startsWith('[') && text.endsWith(']')) return { kind: 'LIST', ofType: parseTypeRef(text.slice(1, -1)) }
  return { kind: 'NAMED', name: text }
}

/** The named type inside a printed type reference: `[User!]!` gives `User`. */
export function namedTypeOf(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && text.charCodeAt(start) === 91 /* [ */) start++
  while (end > start && (text.charCodeAt(end - 1) === 33 /* ! */ || text.charCodeAt(end - 1) === 93 /* ] */)) end--
  return text.slice(start, end)
}

/**
 * Whether every value a field of type `before` could return is still valid for clients when it
 * has type `after`: only adding non-null wrappers is safe (`String` to `String!`).
 */
export function isSafeOutputTypeChange(before: string, after: string): boolean {
  return safeForOutput(parseTypeRef(before), parseTypeRef(after))
}

function safeForOutput(before: TypeRef, after: TypeRef): boolean {
  if (before.kind === 'NAMED' && after.kind === 'NAMED') return before.name === after.name
  if (after.kind === 'NON_NULL') return safeForOutput(before.kind === 'NON_NULL' ? before.ofType : before, after.ofType)
  if (before.kind === 'LIST' && after.kind === 'LIST') return safeForOutput(before.ofType, after.ofType)
  return false
}

/**
 * Whether every value a client could send for an input of type `before` is still accepted when it
 * has type `after`: only dropping non-null wrappers is safe (`ID!` to `ID`). A single value turned
 * into a list counts as unsafe because a variable of type `ID` cannot fill an `[ID]` position.
 */
export function isSafeInputTypeChange(before: string, after: string): boolean {
  return safeForInput(parseTypeRef(before), parseTypeRef(after))
}

function safeForInput(before: TypeRef, after: TypeRef): boolean {
  if (before.kind === 'NAMED' && after.kind === 'NAMED') return before.name === after.name
  if (before.kind === 'NON_NULL') return safeForInput(before.ofType, after.kind === 'NON_NULL' ? after.ofType : after)
  if (before.kind === 'LIST' && after.kind === 'LIST') return safeForInput(before.ofType, after.ofType)
  return false
}
