import type { KitModule } from '@zhengban/shared';
import { RULES_VERSION } from '../classify/index.js';
import { judgeOnSite, prepareKit } from './judge-on-site.js';
import { inspectionSheet } from './sheet-html.js';
import { verdictLine } from './sheet.js';

/**
 * The entry of the kit's judge.mjs (scripts/bundle-judge.mjs), which the agent's inspect
 * loads by its file URL. Typed by the shared contract, so the two sides cannot drift.
 */
const kitModule: KitModule = { RULES_VERSION, checkKit: (kit) => void prepareKit(kit), judgeOnSite, inspectionSheet, verdictLine };

export default kitModule;
