// The reviewer's half-written decision kept on the server (GET/PUT /api/projects/:id/{review,budget-review}/draft):
// restored into the form when it opens (in any browser), saved a moment after each change, and said so beside the
// form. Deciding removes it on the server; a save still pending then is refused there and ignored here.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Typography } from 'antd';
import type { FormInstance } from 'antd';
import { formatTime } from '../../../format/dates';
import { useI18n } from '../../../i18n';

/** How long after the last change the draft is saved. */
const SAVE_DELAY_MS = 800;

interface Saved {
  savedAt: string | null;
}

export interface DraftStore<V, D> {
  load(signal: AbortSignal): Promise<Saved & { content: D | null }>;
  save(content: D): Promise<Saved>;
  /** the form's values as a draft, and back */
  toDraft(values: V): D;
  fromDraft(draft: D): Partial<V>;
}

export interface ReviewDraft {
  /** give to the Form's onValuesChange */
  onValuesChange(): void;
  status: { savedAt: string | null; failed: boolean };
}

export function useReviewDraft<V, D>(form: FormInstance<V>, store: DraftStore<V, D>): ReviewDraft {
  const [status, setStatus] = useState<ReviewDraft['status']>({ savedAt: null, failed: false });
  const storeRef = useRef(store);
  storeRef.current = store;
  const timer = useRef<number | undefined>(undefined);
  const pending = useRef(false);

  const saveNow = useCallback(() => {
    pending.current = false;
    const s = storeRef.current;
    s.save(s.toDraft(form.getFieldsValue(true) as V)).then(
      (saved) => setStatus({ savedAt: saved.savedAt, failed: false }),
      () => setStatus((st) => ({ ...st, failed: true })),
    );
  }, [form]);

  useEffect(() => {
    const ctrl = new AbortController();
    storeRef.current.load(ctrl.signal).then(
      (d) => {
        if (ctrl.signal.aborted || !d.content) return;
        form.setFieldsValue(storeRef.current.fromDraft(d.content) as Parameters<FormInstance<V>['setFieldsValue']>[0]);
        setStatus({ savedAt: d.savedAt, failed: false });
      },
      () => undefined, // no draft to restore: the form starts empty
    );
    return () => {
      ctrl.abort();
      window.clearTimeout(timer.current);
      // leaving the page with a change not yet saved: save it now (after a decision the server refuses it)
      if (pending.current) saveNow();
    };
  }, [form, saveNow]);

  const onValuesChange = useCallback(() => {
    pending.current = true;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(saveNow, SAVE_DELAY_MS);
  }, [saveNow]);

  return { onValuesChange, status };
}

/** "草稿已保存 10:05" (or that it could not be saved), beside the form. */
export function DraftStatus({ status }: { status: ReviewDraft['status'] }) {
  const { t } = useI18n();
  if (status.failed) return <Typography.Text type="warning" data-testid="draft-status">{t('draft.saveFailed')}</Typography.Text>;
  if (!status.savedAt) return null;
  return <Typography.Text type="secondary" data-testid="draft-status">{t('draft.savedAt', { time: formatTime(status.savedAt) })}</Typography.Text>;
}
