import { ZhengbanError } from '@zhengban/shared';

/** A command ran but its output is not in the form the parser was written for. */
export class UnreadableOutputError extends ZhengbanError {
  constructor(readonly what: string, detail: string, cause?: unknown) {
    super('E_UNREADABLE_OUTPUT', `${what}: ${detail}`, cause === undefined ? {} : { cause });
  }
}

/** A source every macOS scan needs gave nothing (a recording without it, or a broken system). */
export class MacosSourceMissingError extends ZhengbanError {
  constructor(readonly what: string) {
    super('E_SOURCE_MISSING', `${what} is not available, so this part of the scan is unknown`);
  }
}

/** plutil answered for the Office licence plist with something other than the plist or "does not exist". */
export class VolumeLicenceUnreadableError extends ZhengbanError {
  constructor(said: string) {
    super('E_OFFICE_LICENCE_UNREADABLE', `plutil could not read the Office licence plist: ${said.trim().slice(0, 300)}`);
  }
}
