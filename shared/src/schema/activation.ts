import { Type, type Static } from 'typebox';

/**
 * What the agent measured about one product's licence activation. The agent reports
 * the state it read and the fields it read it from; the collector decides whether
 * that state is acceptable.
 *
 * - `activated`: the product's own licensing says it is activated (Windows
 *   LicenseStatus 1, Kylin `status` 1, UOS AuthorizationState 1 …).
 * - `grace`, `notification`, `trial`, `expired`, `not-activated`: the product's own
 *   licensing says so.
 * - `not-applicable`: the product has no activation mechanism (e.g. Debian, LibreOffice).
 * - `unknown`: the agent could not read it; `reason` says why.
 */
export const ActivationState = Type.Union([
  Type.Literal('activated'),
  Type.Literal('grace'),
  Type.Literal('notification'),
  Type.Literal('trial'),
  Type.Literal('expired'),
  Type.Literal('not-activated'),
  Type.Literal('not-applicable'),
  Type.Literal('unknown'),
]);
export type ActivationState = Static<typeof ActivationState>;

export const Activation = Type.Object(
  {
    state: ActivationState,
    /** Plain-words reason, always set for `unknown` and `not-applicable`. */
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    /** Where the state was read: `wmi:SoftwareLicensingProduct`, `os-release`, `dbus:com.deepin.license` … */
    source: Type.Optional(Type.String({ maxLength: 200 })),
    /** Licence channel as the product names it: `Retail`, `OEM:DM`, `Volume:GVLK` … */
    channel: Type.Optional(Type.String({ maxLength: 100 })),
    partialKey: Type.Optional(Type.String({ maxLength: 10 })),
    kmsHost: Type.Optional(Type.String({ maxLength: 255 })),
    graceRemainingMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    /** Raw fields the state rests on, kept so a verdict can quote them: a few named scalars, no nesting. */
    details: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^.{1,100}$' }),
        Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean(), Type.Null()]),
        { maxProperties: 50, additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Activation = Static<typeof Activation>;
