import { Type, type Static } from 'typebox';
import type { SeatLicence } from '../classify/allocate.js';
import { CatalogProduct } from '../schema/catalog.js';
import { Nullable } from '../schema/common.js';
import { LicenceView } from '../schema/licences.js';
import { ListEntry } from '../schema/lists.js';

/**
 * kit.json's `judging`: what classify needs besides the snapshot, as the collector has
 * it at `kit create`. The shared KitFile carries it unread; judge.mjs checks it here.
 */

/**
 * A licence as seat allocation reads it (classify/allocate.ts SeatLicence): the API's
 * fields, with `seats` those left after disposals, as the engine counts them.
 */
const { id, productId, edition, versionFrom, versionTo, downgrade, model, kmsHosts, unitId, unit, validFrom, validUntil } = LicenceView.properties;
export const KitLicence = Type.Object(
  { id, productId, edition, versionFrom, versionTo, downgrade, model, kmsHosts, seats: Nullable(Type.Integer({ minimum: 0 })), unitId, unit, validFrom, validUntil },
  { additionalProperties: false },
);
export type KitLicence = Static<typeof KitLicence>;
// The schema must stay what allocation reads: this line stops compiling when they part.
export const asSeatLicence = (l: KitLicence): SeatLicence => l;

export const KitJudging = Type.Object(
  {
    /** The effective catalog (built-in with admins' changes), in matching order. */
    products: Type.Array(CatalogProduct),
    /** Deny and allow entries that apply to the kit's unit (global ones without a unit). */
    lists: Type.Array(ListEntry),
    /** Licences of the unit and the units above it: those that can cover its machines. */
    licences: Type.Array(KitLicence),
    /** `serve --trusted-kms` as given to `kit create`, and the KMS licences' hosts. */
    trustedKmsHosts: Type.Array(Type.String({ maxLength: 255 })),
    /** The unit, its parent … up to the root; [0] without a unit (no scoped entry applies). */
    unitAncestry: Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1 }),
    registryRevision: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type KitJudging = Static<typeof KitJudging>;
