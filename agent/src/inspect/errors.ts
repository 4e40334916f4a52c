import { ZhengbanError } from '@zhengban/shared';

/** The kit folder cannot be used: no kit, a damaged kit.json, a missing or foreign key, no judge. */
export class KitError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_KIT', message, { cause });
  }
}

/** The results folder (on the stick) cannot take the files. */
export class ResultsFolderError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_RESULTS_FOLDER', message, { cause });
  }
}
