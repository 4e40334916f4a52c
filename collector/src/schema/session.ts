import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';

/** A browser signs in with an API token (`zba_…`, as `token create` prints it). */
export const SignIn = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type SignIn = Static<typeof SignIn>;

/**
 * A browser's session, as the dashboard reads it. Writes through the session cookie
 * carry `csrfToken` in `X-CSRF-Token`: another site can make the browser send the
 * cookie, but cannot read this answer.
 */
export const Session = Type.Object({
  role: Type.Union([Type.Literal('admin'), Type.Literal('viewer')]),
  unitId: Nullable(Type.Integer()),
  /** The viewer's unit (what it sees is that unit and the units below it). */
  unit: Nullable(Type.String()),
  csrfToken: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type Session = Static<typeof Session>;

export const SessionAnswer = Type.Object({ session: Session });
