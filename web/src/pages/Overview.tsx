import { t, useLang } from '../i18n';
import { UnitSummary } from './overview/UnitSummary';

export function Overview() {
  useLang();
  return (
    <>
      <h1>{t('nav.overview')}</h1>
      <UnitSummary />
    </>
  );
}
