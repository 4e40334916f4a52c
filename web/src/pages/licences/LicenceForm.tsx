import { api } from '../../api/endpoints';
import type { CatalogProductView, LicenceInput, LicenceModel, LicenceView, LicenceWrite, UnitView } from '../../api/types';
import { licenceModels } from '../../choices';
import { Choice, TextField, type Option } from '../../components/Fields';
import { WriteForm } from '../../components/WriteForm';
import { pick, t, useLang } from '../../i18n';
import { unitOptions } from '../../unit-tree';
import { fieldText, numberOrNull, textOrNull, useFields } from '../../use-fields';
import { CATEGORIES, categoryWord } from '../../words';

function fieldsOf(l: LicenceView | undefined) {
  return {
    productId: l?.productId ?? '',
    edition: l?.edition ?? '',
    model: l?.model ?? '',
    seats: fieldText(l?.seats),
    unitId: fieldText(l?.unitId),
    validFrom: l?.validFrom ?? '',
    validUntil: l?.validUntil ?? '',
    vendor: l?.vendor ?? '',
    purchaseOrder: l?.purchaseOrder ?? '',
    price: fieldText(l?.price),
    kmsHosts: l?.kmsHosts.join(', ') ?? '',
  };
}

type LicenceFields = ReturnType<typeof fieldsOf>;

/**
 * The fields the form shows, blanks as null (seats: unlimited). Versions, downgrade rights
 * and notes are left out: an edit keeps them as they are. KMS hosts go with a kms licence
 * only, as the API asks; for any other model they are cleared.
 */
function inputOf(f: LicenceFields): LicenceInput {
  return {
    productId: f.productId,
    edition: f.edition || null,
    model: f.model as LicenceModel,
    seats: numberOrNull(f.seats),
    unitId: Number(f.unitId),
    validFrom: f.validFrom || null,
    validUntil: f.validUntil || null,
    vendor: textOrNull(f.vendor),
    purchaseOrder: textOrNull(f.purchaseOrder),
    price: numberOrNull(f.price),
    kmsHosts: f.model === 'kms' ? f.kmsHosts.split(/[\s,，;；]+/).filter(Boolean) : [],
  };
}

/** The catalog's products a licence can name (never a crack tool), under their categories. */
function productOptions(products: CatalogProductView[]): Option[] {
  return products
    .filter((p) => p.licence !== 'crack-tool')
    .map((p) => ({ p, label: pick({ zh: p.nameZh, en: p.name }) }))
    .sort((a, b) => CATEGORIES.indexOf(a.p.category) - CATEGORIES.indexOf(b.p.category) || a.label.localeCompare(b.label, 'zh-CN'))
    .map(({ p, label }) => ({ value: p.id, label, group: categoryWord(p.category) }));
}

/** A licence bought: recorded (no `licence`) or corrected. Either re-judges its product. */
export function LicenceForm(props: { licence?: LicenceView; products: CatalogProductView[]; units: UnitView[]; onDone: (result: LicenceWrite) => void; onCancel: () => void }) {
  useLang();
  const { licence } = props;
  const f = useFields(() => fieldsOf(licence));
  const v = f.values;
  const editions = props.products.find((p) => p.id === v.productId)?.editions ?? [];
  const write = () => (licence ? api.patchLicence(licence.id, inputOf(v)) : api.createLicence(inputOf(v)));
  return (
    <WriteForm testId="licence-form" submit={licence ? 'save' : 'licence.create'} ready={v.productId !== '' && v.model !== '' && v.unitId !== ''} write={write} onDone={props.onDone} onCancel={props.onCancel}>
      <Choice label="licence.product" empty="licence.chooseProduct" options={productOptions(props.products)} {...f.choice('productId')} onChange={(p) => f.set({ productId: p ?? '', edition: '' })} />
      <Choice label="licence.edition" empty="licence.anyEdition" options={editions.map((e) => ({ value: e.id, label: pick({ zh: e.nameZh, en: e.name }) }))} {...f.choice('edition')} />
      <Choice label="licence.model" empty="licence.chooseModel" options={licenceModels()} {...f.choice('model')} />
      {v.model === 'kms' ? <TextField label="licence.kmsHosts" wide placeholder={t('licence.kmsHostsHint')} {...f.text('kmsHosts')} /> : null}
      <TextField label="licence.seats" type="number" placeholder={t('licence.seatsHint')} {...f.text('seats')} />
      <Choice label="unit" empty="move.choose" options={unitOptions(props.units)} {...f.choice('unitId')} />
      <TextField label="licence.validFrom" type="date" {...f.text('validFrom')} />
      <TextField label="licence.validUntil" type="date" {...f.text('validUntil')} />
      <TextField label="licence.vendor" wide {...f.text('vendor')} />
      <TextField label="licence.purchaseOrder" {...f.text('purchaseOrder')} />
      <TextField label="licence.price" type="number" step="0.01" {...f.text('price')} />
    </WriteForm>
  );
}
