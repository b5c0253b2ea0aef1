// Everything the organisation has due, met or overdue, in working days.
import { DeadlinesPage } from '../../../components/DeadlinesPage';
import { useI18n } from '../../../i18n';

export function MyDeadlinesPage() {
  const { t } = useI18n();
  return <DeadlinesPage title={t('deadlines.title')} defaultStatus="open" projectLink={(id) => `/portal/projects/${id}`} empty={() => t('deadlines.none')} />;
}
