// One department's yearly assessment (Art. 25): the platform's evidence, and GIA's score, grade and findings, saved
// while a draft and confirmed once (the evidence is frozen then). The department and the auditor read it.
import { Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { confirmDepartment, fetchDepartment, GRADES, updateDepartment, type Grade, type OrgAssessment } from '../../api/assessments';
import { offers, pending } from '../../api/actions';
import { ActionButton } from '../../components/ActionButton';
import { PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format/dates';
import { ConfirmSummary, useConfirm } from '../../hooks/useConfirm';
import { useI18n } from '../../i18n';
import { EvidenceView } from './EvidenceView';
import { gradeLabel, stateLabel, STATE_COLOURS } from './labels';
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
            <PageTitle
              title={t('assess.departmentTitle', { name: v.org.name, year: v.year })}
              subtitle={<Link to={`/assessments?tab=departments&year=${v.year}`}>{t('assess.back')}</Link>}
              extra={<Tag color={STATE_COLOURS[v.status]} data-testid="assessment-status">{t(stateLabel(v.status))}</Tag>}
            />
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
                      <Form.Item name="grade" label={t('assess.grade')}>
                        <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} options={GRADES.map((g) => ({ value: g, label: t(gradeLabel(g)) }))} data-testid="assessment-grade" />
                      </Form.Item>
                      <Form.Item name="findings" label={t('assess.findings')}>
                        <Input.TextArea rows={4} maxLength={5000} data-testid="assessment-findings" />
                      </Form.Item>
                      <Space>
                        <Button htmlType="submit" loading={a.busy} data-testid="assessment-save">{t('assess.save')}</Button>
                        {confirmAction && (
                          <ActionButton type="primary" allowed={confirmAction} loading={a.busy} onClick={() => void confirm(v)} testId="assessment-confirm">
                            {t('assess.confirm')}
                          </ActionButton>
                        )}
                      </Space>
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
