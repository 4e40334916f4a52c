// Who uses each PC and its asset number, as a unit's IT staff would enter them after
// the first scan. Drawn from a stream of their own, so the county's machines and
// verdicts are the same with or without them; a few PCs are left unlabelled, as in life.
import { unitKey } from './fleet.mjs';
import { seededRandom } from './random.mjs';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏宇婷雪琳晨浩凯'];

/** `[{ machine, user, assetNumber }]` for most of the plan's machines. */
export function labelsFor(plan, seed) {
  const rng = seededRandom(`${seed}:labels`);
  const counters = new Map();
  const out = [];
  for (const m of plan) {
    const key = unitKey(m.unit).toUpperCase();
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    if (rng.next() < 0.06) continue;
    const given = rng.next() < 0.5 ? rng.pick(GIVEN) : rng.pick(GIVEN) + rng.pick(GIVEN);
    out.push({ machine: m, user: rng.pick(SURNAMES) + given, assetNumber: `QX-${key}-${String(2019 + rng.int(0, 6))}-${String(n).padStart(4, '0')}` });
  }
  return out;
}
