import type { Grade } from '../../api/types';
import { t } from '../../i18n';

/** 优秀 / 合格 / 基本合格 / 不合格, coloured as the machines' states are: green to red. */
export function GradeBadge(props: { grade: Grade }) {
  return <span class={`badge grade-${props.grade}`}>{t(`grade.${props.grade}`)}</span>;
}
