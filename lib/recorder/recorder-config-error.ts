// A virtual recorder set up with values no real recorder could have.
export class RecorderConfigError extends Error {
  override readonly name = "RecorderConfigError";
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
