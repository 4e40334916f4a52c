import type { CatalogProduct, ReleaseRule } from '../../schema/catalog.js';

/**
 * Adobe and Corel, matched in the installed-software list (Windows Uninstall names,
 * Mac application names). Free Adobe apps (Reader, the Creative Cloud desktop app,
 * Flash Player, Bridge) are kept out of the paid products' rules.
 */
const OTHER: Pick<CatalogProduct, 'category' | 'domestic' | 'licence'> = { category: 'other', domestic: false, licence: 'commercial' };
/** `CS6`, `2023`, or plain `CC` when no year is given. */
const ADOBE_RELEASE: ReleaseRule[] = [
  { from: 'name', pattern: '\\b(CS\\d(?:\\.\\d)?|20\\d\\d)\\b' },
  { from: 'name', pattern: '\\b(CC)\\b' },
];
const CC_NOTE = 'Sold as a Creative Cloud subscription (per user) or, before 2013, as a perpetual licence (CS6 and earlier).';
/** Updates, language packs and helpers installed beside an app, which are not the app. */
const HELPERS = 'Update|Language Pack|语言包|Camera Raw|Plug-?in|Extension';

export const GRAPHICS_PRODUCTS: readonly CatalogProduct[] = [
  {
    id: 'adobe-reader',
    name: 'Adobe Acrobat Reader',
    nameZh: 'Adobe Acrobat Reader（免费阅读器）',
    vendor: 'Adobe',
    ...OTHER,
    licence: 'free-for-orgs',
    rules: [{ id: 'adobe-reader/name', on: 'software', name: '^Adobe (Acrobat )?Reader\\b|^acroread$' }],
    notes: 'Free, organisations included.',
  },
  {
    id: 'adobe-acrobat',
    name: 'Adobe Acrobat (Pro / Standard)',
    nameZh: 'Adobe Acrobat（专业版 / 标准版）',
    vendor: 'Adobe',
    ...OTHER,
    editions: [
      { id: 'pro', name: 'Pro', nameZh: '专业版', pattern: '\\bPro(fessional)?\\b|专业' },
      { id: 'standard', name: 'Standard', nameZh: '标准版', pattern: '\\bStandard\\b|\\bStd\\b|标准' },
    ],
    release: [{ from: 'name', pattern: '\\b(DC|XI|X|[5-9]|20\\d\\d)\\b' }],
    rules: [
      {
        id: 'adobe-acrobat/name',
        on: 'software',
        name: '^Adobe Acrobat\\b',
        // `Adobe Acrobat (64-bit)` is the name of both the 64-bit Reader and Acrobat Pro: left unrecognised, for review.
        notName: `Reader|^Adobe Acrobat\\s*\\(64-bit\\)$|Customi[sz]ation|${HELPERS}`,
      },
    ],
    notes: `Commercial; the free Adobe Acrobat Reader is a separate product. ${CC_NOTE}`,
  },
  {
    id: 'adobe-photoshop-elements',
    name: 'Adobe Photoshop / Premiere Elements',
    nameZh: 'Adobe Photoshop / Premiere Elements',
    vendor: 'Adobe',
    ...OTHER,
    release: ADOBE_RELEASE,
    rules: [{ id: 'adobe-photoshop-elements/name', on: 'software', name: '^Adobe (Photoshop|Premiere) Elements\\b' }],
    notes: 'Perpetual retail licences, separate from Creative Cloud.',
  },
  {
    id: 'adobe-photoshop',
    name: 'Adobe Photoshop',
    nameZh: 'Adobe Photoshop',
    vendor: 'Adobe',
    ...OTHER,
    release: ADOBE_RELEASE,
    rules: [{ id: 'adobe-photoshop/name', on: 'software', name: '^Adobe Photoshop\\b', notName: `Elements|Express|Lightroom|Album|${HELPERS}` }],
    notes: `${CC_NOTE} Photoshop Express is a free app and not matched.`,
  },
  {
    id: 'adobe-illustrator',
    name: 'Adobe Illustrator',
    nameZh: 'Adobe Illustrator',
    vendor: 'Adobe',
    ...OTHER,
    release: ADOBE_RELEASE,
    rules: [{ id: 'adobe-illustrator/name', on: 'software', name: '^Adobe Illustrator\\b', notName: HELPERS }],
    notes: CC_NOTE,
  },
  {
    id: 'adobe-premiere',
    name: 'Adobe Premiere Pro',
    nameZh: 'Adobe Premiere Pro',
    vendor: 'Adobe',
    ...OTHER,
    release: ADOBE_RELEASE,
    rules: [{ id: 'adobe-premiere/name', on: 'software', name: '^Adobe Premiere\\b', notName: `Elements|Rush|${HELPERS}` }],
    notes: CC_NOTE,
  },
  {
    id: 'adobe-after-effects',
    name: 'Adobe After Effects',
    nameZh: 'Adobe After Effects',
    vendor: 'Adobe',
    ...OTHER,
    release: ADOBE_RELEASE,
    rules: [{ id: 'adobe-after-effects/name', on: 'software', name: '^Adobe After Effects\\b', notName: HELPERS }],
    notes: CC_NOTE,
  },
  {
    id: 'adobe-indesign',
    name: 'Adobe InDesign',
    nameZh: 'Adobe InDesign',
    vendor: 'Adobe',
    ...OTHER,
    release: ADOBE_RELEASE,
    rules: [{ id: 'adobe-indesign/name', on: 'software', name: '^Adobe InDesign\\b', notName: `Server|${HELPERS}` }],
    notes: CC_NOTE,
  },
  {
    id: 'adobe-cc-other',
    name: 'Other Adobe paid apps (Audition, Dreamweaver, Animate, Lightroom, XD, InCopy …)',
    nameZh: '其他 Adobe 付费软件',
    vendor: 'Adobe',
    ...OTHER,
    release: ADOBE_RELEASE,
    rules: [
      {
        id: 'adobe-cc-other/name',
        on: 'software',
        name: '^Adobe (Audition|Dreamweaver|Animate|Flash Professional|Lightroom|XD|Dimension|InCopy|Character Animator|Substance|Fireworks|Captivate|FrameMaker|RoboHelp)\\b',
        notName: HELPERS,
      },
    ],
    notes: `${CC_NOTE} Flash Player, Bridge, Media Encoder and the Creative Cloud desktop app are free and not matched.`,
  },
  {
    id: 'coreldraw',
    name: 'CorelDRAW',
    nameZh: 'CorelDRAW 图形设计软件',
    vendor: 'Corel (Alludo)',
    ...OTHER,
    editions: [
      { id: 'home-student', name: 'Home & Student', nameZh: '家庭和学生版', pattern: 'Home\\s*(&|and)?\\s*Student', licence: 'personal-use-only' },
      { id: 'essentials', name: 'Essentials', nameZh: '入门版', pattern: 'Essentials' },
      { id: 'standard', name: 'Standard', nameZh: '标准版', pattern: 'Standard' },
      { id: 'technical-suite', name: 'Technical Suite', nameZh: '技术套件', pattern: 'Technical' },
      { id: 'graphics-suite', name: 'Graphics Suite', nameZh: '图形套件', pattern: 'Graphics Suite|CorelDRAW' },
    ],
    release: [{ from: 'name', pattern: '\\b(X\\d|20\\d\\d)\\b' }],
    rules: [{ id: 'coreldraw/name', on: 'software', name: 'CorelDRAW', notName: 'Shell Extension|Update' }],
    notes: 'Sold per user (perpetual or subscription); the Home & Student edition excludes commercial use.',
  },
];
