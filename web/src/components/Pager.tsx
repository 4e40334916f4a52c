import { count } from '../format';
import { t } from '../i18n';

/** Previous / next over a server-side list, with where the reader is in it. */
export function Pager(props: { offset: number; limit: number; total: number; onOffset: (offset: number) => void }) {
  const { offset, limit, total } = props;
  if (total <= limit && offset === 0) return <p class="muted small">{t('pager.count', { n: count(total) })}</p>;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <div class="pager">
      <button type="button" disabled={offset === 0} onClick={() => props.onOffset(Math.max(0, offset - limit))}>
        {t('pager.prev')}
      </button>
      <span>{t('pager.page', { page, pages, n: count(total) })}</span>
      <button type="button" disabled={offset + limit >= total} onClick={() => props.onOffset(offset + limit)}>
        {t('pager.next')}
      </button>
    </div>
  );
}
