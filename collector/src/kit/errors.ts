import { ZhengbanError } from '@zhengban/shared';

/** kit.json's judging data is not what this judge reads (damaged, or made by another version). */
export class KitDataError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_KIT_DATA', message, { status: 400, cause });
  }
}

/** kit.json was written under other rules than this judge.mjs carries: its verdicts would not be the collector's. */
export class KitRulesError extends ZhengbanError {
  constructor(kitRules: string, judgeRules: string) {
    super('E_KIT_RULES', `kit.json was made under rules ${kitRules}, but this kit's judge.mjs has rules ${judgeRules}: make the kit again with kit create`, { status: 400 });
  }
}
