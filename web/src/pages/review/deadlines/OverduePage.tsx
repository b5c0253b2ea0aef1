// GIA's (and the auditor's) view of every department's deadlines: overdue first by default; GIA reminds the overdue.
import { useAuth } from '../../../auth/AuthContext';
import { DeadlinesPage } from '../../../components/DeadlinesPage';
import { useI18n } from '../../../i18n';
import { RemindOverdue } from './RemindOverdue';

export function OverduePage() {
  const { t } = useI18n();
  const { mayOpen } = useAuth();
  return (
    <DeadlinesPage
      title={t('overdue.title')}
      defaultStatus="overdue"
      showOrg
      projectLink={(id) => (mayOpen('review', 'oversight') ? `/review/projects/${id}` : `/portal/projects/${id}`)}
      empty={(status) => (status === 'overdue' ? t('overdue.none') : t('deadlines.none'))}
      actions={(list, reload) => <RemindOverdue list={list} reload={reload} />}
    />
  );
}
