// One department's yearly assessment (Art. 25): the platform's evidence, and GIA's score, grade and findings, saved
// while a draft and confirmed once (the evidence is frozen then). The department and the auditor read it.
import { Card, Col, Descriptions, Form, Input, InputNumber, Row } from 'antd';
import { useParams } from 'react-router-dom';
import { confirmDepartment, fetchDepartment, updateDepartment, type Grade, type OrgAssessment } from '../../api/assessments';
import { offers, pending } from '../../api/actions';
import { PageState } from '../../components/PageState';
import { formatDateTime } from '../../format/dates';
import { ConfirmSummary, useConfirm } from '../../hooks/useConfirm';
import { useI18n } from '../../i18n';
import { AssessmentHeader, GradeField, SaveAndConfirm } from './AssessmentParts';
import { EvidenceView } from './EvidenceView';
import { gradeLabel } from './labels';
import { useAssessment } from './useAssessment';

interface Values {
  score: number | null;
  grade: Grade | null;
  findings: string;
}

export function DepartmentAssessmentPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const ask = useConfirm();
  const a = useAssessment(id, fetchDepartment, updateDepartment, confirmDepartment);
  const [form] = Form.useForm<Values>();

  async function confirm(v: OrgAssessment) {
    const yes = await ask({ title: t('assess.confirmTitle', { name: v.org.name, year: v.year }), summary: <ConfirmSummary subject={`${v.score} · ${v.grade ? t(gradeLabel(v.grade)) : ''}`} effect={t('assess.confirmEffect')} /> });
    if (yes) await a.confirm();
  }

  return (
    <PageState state={a.state}>
      {({ data: v }) => {
        const editable = offers(v, 'update');
        const confirmAction = pending(v, 'confirm');
        return (
          <>
            <AssessmentHeader title={t('assess.departmentTitle', { name: v.org.name, year: v.year })} tab="departments" year={v.year} status={v.status} />
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <EvidenceView evidence={v.evidence} frozen={v.status === 'CONFIRMED'} />
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" className="zy-card" title={t('assess.title')}>
                  {editable ? (
                    <Form<Values>
                      form={form}
                      layout="vertical"
                      initialValues={{ score: v.score, grade: v.grade, findings: v.findings }}
                      onFinish={(values) => void a.save({ score: values.score ?? null, grade: values.grade ?? null, findings: values.findings ?? '' })}
                    >
                      <Form.Item name="score" label={t('assess.score')}>
                        <InputNumber min={0} max={100} precision={0} data-testid="assessment-score" />
                      </Form.Item>
                      <GradeField />
                      <Form.Item name="findings" label={t('assess.findings')}>
                        <Input.TextArea rows={4} maxLength={5000} data-testid="assessment-findings" />
                      </Form.Item>
                      <SaveAndConfirm busy={a.busy} confirm={confirmAction} onConfirm={() => void confirm(v)} />
                    </Form>
                  ) : (
                    <Descriptions
                      size="small"
                      column={1}
                      items={[
                        { key: 'score', label: t('assess.score'), children: <span data-testid="assessment-score-value">{v.score ?? ''}</span> },
                        { key: 'grade', label: t('assess.grade'), children: <span data-testid="assessment-grade-value">{v.grade ? t(gradeLabel(v.grade)) : ''}</span> },
                        { key: 'findings', label: t('assess.findings'), children: v.findings },
                        { key: 'by', label: t('assess.assessedBy'), children: v.assessedBy },
                        { key: 'at', label: t('assess.confirmedAt'), children: v.confirmedAt ? formatDateTime(v.confirmedAt) : '' },
                      ]}
                    />
                  )}
                </Card>
              </Col>
            </Row>
          </>
        );
      }}
    </PageState>
  );
}
