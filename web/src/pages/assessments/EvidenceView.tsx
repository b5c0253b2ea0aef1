// What the platform's records say about an assessed department or county in the year (assessments/evidence.ts):
// live while the assessment is a draft, frozen once it is confirmed.
import { Card, Descriptions, Typography } from 'antd';
import type { CountyIndicators, OrgEvidence } from '../../api/assessments';
import { useI18n } from '../../i18n';

export function EvidenceView({ evidence, frozen }: { evidence: OrgEvidence | CountyIndicators; frozen: boolean }) {
  const { t } = useI18n();
  const rows = [
    { key: 'projects', label: t('assess.ev.projects'), text: t('assess.ev.projectsText', evidence.projects) },
    { key: 'deadlines', label: t('assess.ev.deadlines'), text: t('assess.ev.deadlinesText', evidence.deadlines) },
    { key: 'rectifications', label: t('assess.ev.rectifications'), text: t('assess.ev.deadlinesText', evidence.rectifications) },
    { key: 'selfEvaluations', label: t('assess.ev.selfEvaluations'), text: t('assess.ev.selfEvaluationsText', evidence.selfEvaluations) },
    { key: 'dataSharing', label: t('assess.ev.dataSharing'), text: t('assess.ev.dataSharingText', evidence.dataSharing) },
    { key: 'ownCloud', label: t('assess.ev.ownCloud'), text: t('assess.ev.ownCloudText', evidence.ownCloudRefusals) },
    ...('migration' in evidence
      ? [{ key: 'migration', label: t('assess.ev.migration'), text: t('assess.ev.migrationText', { systems: evidence.migration.systems, migrated: evidence.migration.migrated, exempt: evidence.migration.exempt }) }]
      : []),
  ];
  return (
    <Card size="small" className="zy-card" title={t('assess.evidence', { asOf: evidence.asOf })} data-testid="assessment-evidence">
      <Typography.Paragraph type="secondary">{t(frozen ? 'assess.evidenceFrozen' : 'assess.evidenceLive')}</Typography.Paragraph>
      <Descriptions size="small" column={1} bordered items={rows.map((r) => ({ key: r.key, label: r.label, children: <span data-testid={`evidence-${r.key}`}>{r.text}</span> }))} />
    </Card>
  );
}
