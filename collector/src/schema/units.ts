import { Type, type Static } from 'typebox';
import { Nullable, RejudgeSummary } from './common.js';

/** The campaign's unit tree: province → city → county/district → department or town. */
export const UnitKind = Type.Union([
  Type.Literal('province'),
  Type.Literal('city'),
  Type.Literal('county'),
  Type.Literal('department'),
  Type.Literal('town'),
  Type.Literal('other'),
]);
export type UnitKind = Static<typeof UnitKind>;

/**
 * What the unit is: a government office (机关), a public institution (事业单位), or a
 * state enterprise (企业). The annual report counts 机关本级 and 直属事业单位 apart.
 */
export const UnitSector = Type.Union([Type.Literal('organ'), Type.Literal('institution'), Type.Literal('enterprise')]);
export type UnitSector = Static<typeof UnitSector>;

/** 主要负责人, 分管领导, 联络员: the three responsible persons each unit names. */
export const PersonRole = Type.Union([
  Type.Literal('first-responsible'),
  Type.Literal('leader-in-charge'),
  Type.Literal('contact'),
]);
export type PersonRole = Static<typeof PersonRole>;

const Phone = Type.String({ minLength: 3, maxLength: 40, pattern: '^[0-9+()\\- ]+$' });

export const PersonInput = Type.Object(
  {
    role: PersonRole,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    /** Post, e.g. 局长, 办公室主任. */
    title: Type.Optional(Type.String({ maxLength: 100 })),
    phone: Phone,
  },
  { additionalProperties: false },
);
export type PersonInput = Static<typeof PersonInput>;

export const PersonPatch = Type.Partial(PersonInput, { additionalProperties: false });
export type PersonPatch = Static<typeof PersonPatch>;

export const Person = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  role: PersonRole,
  name: Type.String(),
  title: Nullable(Type.String()),
  phone: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Person = Static<typeof Person>;

export const UnitInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    /** null or absent: a top-level unit. */
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    kind: Type.Optional(UnitKind),
    /** null or absent: not said (counted with the offices). */
    sector: Type.Optional(Nullable(UnitSector)),
    /** 统一社会信用代码 or 行政区划代码, as the unit's own records write it. */
    code: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    /** 编制人数: staff headcount as established. */
    headcount: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))),
  },
  { additionalProperties: false },
);
export type UnitInput = Static<typeof UnitInput>;

export const UnitPatch = Type.Partial(UnitInput, { additionalProperties: false });
export type UnitPatch = Static<typeof UnitPatch>;

export const UnitView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  parentId: Nullable(Type.Integer()),
  kind: UnitKind,
  sector: Nullable(UnitSector),
  code: Nullable(Type.String()),
  headcount: Nullable(Type.Integer()),
  /** Machines enrolled in this unit itself (not its subunits). */
  machines: Type.Integer({ minimum: 0 }),
  people: Type.Array(Person),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type UnitView = Static<typeof UnitView>;

export const UnitList = Type.Object({ units: Type.Array(UnitView) });
export type UnitList = Static<typeof UnitList>;

export const UnitWriteResult = Type.Object({ unit: UnitView, rejudged: Type.Optional(RejudgeSummary) });

export const MoveInput = Type.Object(
  { unitId: Type.Integer({ minimum: 1 }), reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type MoveInput = Static<typeof MoveInput>;

export const MachineMove = Type.Object({
  id: Type.Integer(),
  machineId: Type.String(),
  fromUnitId: Type.Integer(),
  fromUnit: Type.String(),
  toUnitId: Type.Integer(),
  toUnit: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  reason: Nullable(Type.String()),
});
export type MachineMove = Static<typeof MachineMove>;

export const MoveResult = Type.Object({ move: MachineMove, rejudged: RejudgeSummary });

