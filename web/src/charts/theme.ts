/** The system CJK fonts the stylesheet uses: a canvas does not inherit them. */
export const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

/** Colours of the three categories and of "all three" everywhere a chart draws them. */
export const COLOURS = { os: '#2f6fb3', office: '#3a9a6b', antivirus: '#c98a1b', all: '#b23a3a' } as const;
