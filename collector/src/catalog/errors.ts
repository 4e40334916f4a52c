import { ZhengbanError } from '@zhengban/shared';

/** A pattern in a product, rule or override that is not a valid regular expression. */
export class CatalogPatternError extends ZhengbanError {
  constructor(where: string, cause: unknown) {
    super('E_CATALOG_PATTERN', `${where} is not a valid regular expression: ${(cause as Error).message}`, { status: 400, cause });
  }
}

/** A product whose rules or requirement do not fit together (trace rules on a product that is not a crack tool …). */
export class CatalogRuleError extends ZhengbanError {
  constructor(message: string) {
    super('E_CATALOG_RULE', message, { status: 400 });
  }
}
