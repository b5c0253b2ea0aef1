// The three states every page has besides its content: loading, failed (with retry), and empty.
import type { ReactNode } from 'react';
import { Empty, Spin } from 'antd';
import { useI18n } from '../i18n';
import { ErrorAlert } from './ErrorAlert';
import type { ApiData } from '../hooks/useApiData';

interface Props<T> {
  state: Pick<ApiData<T>, 'data' | 'error' | 'loading' | 'reload'>;
  /** when true for the data, the empty state shows instead of the content */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="zy-loading" role="status" aria-live="polite">
      <Spin />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function EmptyState({ description }: { description: ReactNode }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
}

export function PageState<T>({ state, isEmpty, empty, children }: Props<T>) {
  const { t } = useI18n();
  if (state.loading && state.data === undefined) return <Loading />;
  if (state.error !== undefined) return <ErrorAlert error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  if (isEmpty?.(state.data)) return <>{empty ?? <EmptyState description={t('common.empty')} />}</>;
  return <>{children(state.data)}</>;
}
