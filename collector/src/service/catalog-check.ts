import { Type, type Static } from 'typebox';
import { Category } from '@zhengban/shared';
import type { CompiledCatalog, Recognition } from '../catalog/types.js';
import { LicenceRequirement, MatchSubject } from '../schema/catalog.js';
import { Nullable } from '../schema/common.js';
import type { RegistryDeps } from './registry-deps.js';

/**
 * "What would the catalog make of this?": an admin tries a rule on a name before
 * relying on it. The subject is what an agent would report, reduced to the fields
 * rules read.
 */

const Field = (maxLength: number) => Type.Optional(Type.String({ minLength: 1, maxLength }));

export const CatalogCheckSubject = Type.Object(
  {
    on: MatchSubject,
    name: Type.String({ minLength: 1, maxLength: 500 }),
    publisher: Field(300),
    version: Field(200),
    edition: Field(200),
    /** os-release ID (`kylin`, `uos`) or `windows`; os subjects only. */
    osId: Field(100),
    /** A service's or task's command line; trace subjects only. */
    path: Field(1000),
    /** A registry value; registry subjects only. */
    value: Field(1000),
  },
  { additionalProperties: false },
);
export type CatalogCheckSubject = Static<typeof CatalogCheckSubject>;

export const CatalogCheckResult = Type.Object({
  /** The catalog version the answer comes from. */
  version: Type.String(),
  /** null: no rule recognises the subject. */
  recognised: Nullable(
    Type.Object({
      productId: Type.String(),
      product: Type.String(),
      productZh: Type.String(),
      category: Category,
      ruleId: Type.String(),
      edition: Nullable(Type.Object({ id: Type.String(), name: Type.String(), nameZh: Type.String() })),
      release: Nullable(Type.String()),
      licence: LicenceRequirement,
    }),
  ),
});
export type CatalogCheckResult = Static<typeof CatalogCheckResult>;

const unknownActivation = { state: 'unknown' as const, reason: 'catalog check: no activation read' };

function familyOf(s: CatalogCheckSubject): 'windows' | 'linux' | 'macos' | 'other' {
  const id = (s.osId ?? '').toLowerCase();
  if (id === 'windows' || /windows/i.test(s.name)) return 'windows';
  if (id === 'macos' || /mac\s?os/i.test(s.name)) return 'macos';
  return id ? 'linux' : 'other';
}

export async function checkSubject(deps: RegistryDeps, s: CatalogCheckSubject): Promise<CatalogCheckResult> {
  const catalog = await deps.catalog();
  const found = recogniseSubject(catalog, s);
  return { version: catalog.version, recognised: found ? describe(found) : null };
}

/** The subject as the list it names would report it, recognised by the catalog's rules for that list. */
export function recogniseSubject(catalog: CompiledCatalog, s: CatalogCheckSubject): Recognition | undefined {
  switch (s.on) {
    case 'os':
      return catalog.recogniseOs({
        family: familyOf(s),
        name: s.name,
        id: s.osId ?? '',
        version: s.version,
        edition: s.edition,
        arch: 'unknown',
        activation: unknownActivation,
      });
    case 'office':
      return catalog.recogniseOffice({
        name: s.name,
        vendor: s.publisher,
        version: s.version,
        edition: s.edition,
        source: 'catalog-check',
        activation: unknownActivation,
      });
    case 'antivirus':
      return catalog.recogniseAntivirus({
        name: s.name,
        vendor: s.publisher,
        version: s.version,
        enabled: null,
        upToDate: null,
        source: 'catalog-check',
      });
    case 'software':
      return catalog.recogniseSoftware({ name: s.name, publisher: s.publisher, version: s.version, source: 'catalog-check' });
    default:
      return catalog.recogniseTrace(s.on, { name: s.name, path: s.path, value: s.value });
  }
}

function describe(r: Recognition): NonNullable<CatalogCheckResult['recognised']> {
  return {
    productId: r.product.id,
    product: r.product.name,
    productZh: r.product.nameZh,
    category: r.product.category,
    ruleId: r.ruleId,
    edition: r.edition ? { id: r.edition.id, name: r.edition.name, nameZh: r.edition.nameZh } : null,
    release: r.release ?? null,
    licence: r.licence,
  };
}
