/**
 * How an operation reaches a type: through arguments (input), through what it returns (output),
 * or both. Only enums can be reached both ways; the severity of an enum value change depends on it.
 */
export type Reach = number

export const REACHED_AS_INPUT: Reach = 1
export const REACHED_AS_OUTPUT: Reach = 2
/** Used for types no operation reaches (reported once at document level): judged both ways. */
export const REACHED_BOTH_WAYS: Reach = REACHED_AS_INPUT | REACHED_AS_OUTPUT
