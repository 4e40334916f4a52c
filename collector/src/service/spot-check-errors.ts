import { ZhengbanError } from '@zhengban/shared';

/** Refusals of spot checks; each has a stable code and an HTTP status, as service/errors.ts. */

/** Nothing to draw: the unit and its subunits have no machine enrolled. */
export class NoMachinesError extends ZhengbanError {
  constructor(unit: string) {
    super('E_SPOT_CHECK_EMPTY', `unit ${unit} and its subunits have no enrolled machines to draw from`, { status: 409 });
  }
}

/** A stamped spot check is a record: nothing is added to it or changed once closed. */
export class SpotCheckClosedError extends ZhengbanError {
  constructor(id: number) {
    super('E_SPOT_CHECK_CLOSED', `spot check #${id} is closed; its records can no longer change (a re-check starts a new one)`, { status: 409 });
  }
}

/** A re-check that cannot follow the spot check it names. */
export class RecheckError extends ZhengbanError {
  constructor(message: string) {
    super('E_RECHECK', message, { status: 400 });
  }
}

/** A grading rule set that passes the schema but cannot grade (a share over 1…). */
export class GradingRulesError extends ZhengbanError {
  constructor(readonly problems: readonly string[]) {
    super('E_GRADING', `the grading rules are not valid: ${problems.join('; ')}`, { status: 400 });
  }
}

/** A machine named on the command line that is not one of the spot check's, or more than one. */
export class SpotCheckMachineError extends ZhengbanError {
  constructor(message: string) {
    super('E_NOT_FOUND', message, { status: 404 });
  }
}
