import type { ConflictStrategy, MergeConflict } from '../model/collection.js'
import { clone, sameJson } from './values.js'

/** Equality used to decide whether a side changed a field. */
export type Equality = (a: unknown, b: unknown) => boolean

/**
 * Three-way merge of the fields of one request (or of the collection itself): records the
 * conflicts and which fields ended up different from the user's version.
 */
export class FieldMerger {
  /** Fields whose merged value differs from the user's (`current`) value. */
  readonly changed: string[] = []

  constructor(
    /** Operation key conflicts are reported under (`''` for collection-level fields). */
    readonly operationKey: string,
    private readonly onConflict: ConflictStrategy,
    private readonly conflicts: MergeConflict[],
  ) {}

  /**
   * The merged value of one field: a field the user did not touch since `base` follows the spec;
   * one the user changed keeps the user's value; when both changed it differently, `onConflict`
   * decides (`'prefer-spec'` takes the spec's, the others keep the user's) and it is reported.
   * `undefined` means absent on that side.
   */
  merge<T>(field: string, base: T | undefined, user: T | undefined, spec: T | undefined, equal: Equality = sameJson): T | undefined {
    if (equal(user, base)) {
      if (!equal(spec, user)) this.markChanged(field)
      return spec
    }
    if (equal(spec, base) || equal(spec, user)) return user
    return this.conflict(field, base, user, spec)
  }

  /** Records a conflict on `field` and returns the value `onConflict` picks. */
  conflict<T>(field: string, base: T | undefined, user: T | undefined, spec: T | undefined): T | undefined {
    this.conflicts.push({
      operationKey: this.operationKey,
      field,
      base: clone(base),
      user: clone(user),
      spec: clone(spec),
      resolution: this.onConflict,
    })
    if (this.onConflict !== 'prefer-spec') return user
    this.markChanged(field)
    return spec
  }

  /** Notes that `field` now differs from the user's version. */
  markChanged(field: string): void {
    if (!this.changed.includes(field)) this.changed.push(field)
  }
}
