/**
 * Every error the project throws on purpose carries a stable `code`: callers and
 * HTTP clients branch on the code, never on the message text. `status` is the HTTP
 * status the collector answers with when such an error reaches a request.
 */
export class ZhengbanError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
  }
}

/** A value does not match its TypeBox schema; `issues` lists where and why. */
export class SchemaValidationError extends ZhengbanError {
  readonly issues: string[];

  constructor(what: string, issues: string[]) {
    super('E_SCHEMA', `${what} is not valid: ${issues.slice(0, 5).join('; ')}`, { status: 400 });
    this.issues = issues;
  }
}

/** Text that should be JSON is not. */
export class InvalidJsonError extends ZhengbanError {
  constructor(what: string, cause: unknown) {
    super('E_JSON', `${what} is not valid JSON: ${(cause as Error).message}`, { status: 400, cause });
  }
}

/** A key file or key text cannot be read as an Ed25519 key. */
export class KeyFormatError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_KEY_FORMAT', message, { status: 400, cause });
  }
}

/** A signature does not verify against the payload bytes and the agent's public key. */
export class SignatureError extends ZhengbanError {
  constructor(message = 'the signature does not match the payload and the agent key') {
    super('E_SIGNATURE', message, { status: 401 });
  }
}
