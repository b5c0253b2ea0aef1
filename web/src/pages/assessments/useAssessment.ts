// One assessment as a page holds it: the view and its ETag, saved (PATCH) and confirmed (POST …/confirm) with
// If-Match; a stale ETag reloads the latest and says so.
import { useState } from 'react';
import { App } from 'antd';
import type { ApiResult } from '../../api/client';
import { ApiError } from '../../api/errors';
import { errorMessage } from '../../components/ErrorAlert';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';

export function useAssessment<V, B>(
  id: string,
  fetch: (id: string, signal?: AbortSignal) => Promise<ApiResult<V>>,
  update: (id: string, etag: string | null, body: B) => Promise<ApiResult<V>>,
  confirm: (id: string, etag: string | null) => Promise<ApiResult<V>>,
) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const state = useApiData((signal) => fetch(id, signal), [id]);
  const [busy, setBusy] = useState(false);

  async function act(change: (etag: string | null) => Promise<ApiResult<V>>, done: string) {
    setBusy(true);
    try {
      state.setData(await change(state.data?.etag ?? null));
      message.success(done);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        message.warning(t('common.staleReloaded'));
        state.reload();
      } else message.error(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setBusy(false);
    }
  }

  return {
    state,
    busy,
    save: (body: B) => act((etag) => update(id, etag, body), t('assess.saved')),
    confirm: () => act((etag) => confirm(id, etag), t('assess.confirmed')),
  };
}
