import { Type, type TObject, type TProperties, type TString, type TOptional } from 'typebox';

/** A bounded string: every string an agent sends has a limit, so no field can carry megabytes. */
export const Text = (maxLength = 500): TString => Type.String({ maxLength });
export const OptText = (maxLength = 500): TOptional<TString> => Type.Optional(Type.String({ maxLength }));

/** An object that refuses fields its schema does not name. */
export function Closed<P extends TProperties>(properties: P): TObject<P> {
  return Type.Object(properties, { additionalProperties: false });
}
