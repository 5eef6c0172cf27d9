/**
 * An expected failure the user can act on. `key` names a message under "errors" (or under
 * "validation" when `field` is set, so it is shown next to that field).
 */
export class DomainError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
    /** Values for the message's placeholders, e.g. a date. */
    readonly params?: Record<string, string | number | Date>,
  ) {
    super(field ? `${field}: ${key}` : key);
    this.name = "DomainError";
  }
}
