// 青溪县, a county of the (fictitious) 云州市, 江南省: its departments (县直部门) and
// towns (镇、乡、街道) as a campaign registers them, with the staff headcount (编制人数) and
// the three responsible persons the 责任人 registry asks for. Names, codes and phone
// numbers are invented; the shape follows the seeds' forms and progress notices.

/** The province and city above the county: reports roll up through them. */
export const ROOTS = [
  { name: '江南省', kind: 'province', code: '990000' },
  { name: '云州市', kind: 'city', code: '990100', parent: '江南省' },
  { name: '青溪县', kind: 'county', code: '990122', parent: '云州市', headcount: 36 },
];

/**
 * The county's units. `tag` names machines (`QXCZJ-PC-0001`, pinyin initials as county
 * IT staff write them); `pcs` is computers per head of staff, which is low where
 * officers share terminals or work outside (police, towns).
 */
export const UNITS = [
  { name: '中共青溪县委办公室', tag: 'XWB', kind: 'department', headcount: 38, pcs: 0.9, titles: ['主任', '副主任', '信息科科长'] },
  { name: '青溪县人民政府办公室', tag: 'ZFB', kind: 'department', headcount: 45, pcs: 0.9, titles: ['主任', '副主任', '电子政务科科长'] },
  { name: '中共青溪县委宣传部（县版权局）', tag: 'XCB', kind: 'department', headcount: 22, pcs: 0.9, titles: ['部长', '副部长（县版权局局长）', '版权科科长'] },
  { name: '青溪县财政局', tag: 'CZJ', kind: 'department', headcount: 68, pcs: 0.9, titles: ['局长', '副局长', '信息中心主任'] },
  { name: '青溪县教育局', tag: 'JYJ', kind: 'department', headcount: 45, pcs: 0.8, titles: ['局长', '副局长', '办公室主任'] },
  { name: '青溪县卫生健康局', tag: 'WJJ', kind: 'department', headcount: 52, pcs: 0.8, titles: ['局长', '副局长', '办公室主任'] },
  { name: '青溪县公安局', tag: 'GAJ', kind: 'department', headcount: 310, pcs: 0.35, titles: ['局长', '政治委员', '科技信息化大队大队长'] },
  { name: '青溪县自然资源和规划局', tag: 'ZRJ', kind: 'department', headcount: 48, pcs: 0.9, titles: ['局长', '副局长', '办公室主任'] },
  { name: '青溪县住房和城乡建设局', tag: 'ZJJ', kind: 'department', headcount: 40, pcs: 0.8, titles: ['局长', '副局长', '办公室主任'] },
  { name: '青溪县市场监督管理局', tag: 'SCJ', kind: 'department', headcount: 86, pcs: 0.7, titles: ['局长', '副局长', '办公室主任'] },
  { name: '青溪县人力资源和社会保障局', tag: 'RSJ', kind: 'department', headcount: 42, pcs: 0.8, titles: ['局长', '副局长', '办公室主任'] },
  { name: '青溪县统计局', tag: 'TJJ', kind: 'department', headcount: 18, pcs: 0.8, titles: ['局长', '副局长', '综合股股长'] },
  { name: '青溪县审计局', tag: 'SJJ', kind: 'department', headcount: 20, pcs: 0.9, titles: ['局长', '副局长', '办公室主任'] },
  { name: '城关镇人民政府', tag: 'CGZ', kind: 'town', headcount: 96, pcs: 0.6, titles: ['镇长', '副镇长', '党政办主任'] },
  { name: '青石镇人民政府', tag: 'QSZ', kind: 'town', headcount: 64, pcs: 0.6, titles: ['镇长', '副镇长', '党政办主任'] },
  { name: '白沙乡人民政府', tag: 'BSX', kind: 'town', headcount: 38, pcs: 0.6, titles: ['乡长', '副乡长', '党政办主任'] },
  { name: '东城街道办事处', tag: 'DCJD', kind: 'town', headcount: 55, pcs: 0.6, titles: ['主任', '副主任', '党政办主任'] },
];

/** Short names the story and the test use; the registry stores the full ones. */
export const U = Object.fromEntries(
  [
    ['xwb', 0], ['zfb', 1], ['xcb', 2], ['czj', 3], ['jyj', 4], ['wjj', 5], ['gaj', 6], ['zrj', 7],
    ['zjj', 8], ['scj', 9], ['rsj', 10], ['tjj', 11], ['sjj', 12], ['cgz', 13], ['qsz', 14], ['bsx', 15], ['dcjd', 16],
  ].map(([k, i]) => [k, UNITS[i].name]),
);
export const COUNTY = '青溪县';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹'];
const GIVEN = ['建国', '志强', '海涛', '丽华', '国栋', '晓明', '玉兰', '文军', '春梅', '立新', '秀英', '伟', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '红霞', '晓东', '振华', '雪梅', '俊杰', '慧', '婷', '明辉', '丹', '鹏'];
const ROLES = ['first-responsible', 'leader-in-charge', 'contact'];

/**
 * The three responsible persons of a unit. Phone numbers use the 138-0013-xxxx block
 * that Chinese documentation writes as a placeholder, so no real person is named.
 */
export function peopleOf(unit, rng) {
  return ROLES.map((role, i) => ({
    role,
    name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`,
    title: unit.titles[i],
    phone: `138-0013-${String(rng.int(0, 9999)).padStart(4, '0')}`,
  }));
}

/** 统一社会信用代码-shaped (18 characters, 11 = 机关), invented: 11 + region + a sequence. */
export function creditCode(region, seq) {
  return `11${region}${String(seq).padStart(9, '0')}X`;
}
