// One county's scorecard for a year (Art. 40): the platform's indicators, the city GIA's manual items with their
// total, the grade and findings; saved while a draft and confirmed once (the indicators are frozen then).
import { Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Space, Table, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { confirmCounty, fetchCounty, updateCounty, type CountyAssessment, type Grade, type ManualItem } from '../../api/assessments';
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
  manualItems: ManualItem[];
  grade: Grade | null;
  findings: string;
}

const sum = (items: ManualItem[] | undefined, key: 'score' | 'max') => (items ?? []).reduce((n, i) => n + (Number(i?.[key]) || 0), 0);

export function CountyAssessmentPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const ask = useConfirm();
  const a = useAssessment(id, fetchCounty, updateCounty, confirmCounty);
  const [form] = Form.useForm<Values>();
  const items = Form.useWatch('manualItems', form);

  async function confirm(v: CountyAssessment) {
    const yes = await ask({ title: t('assess.confirmTitle', { name: v.county.name, year: v.year }), summary: <ConfirmSummary subject={`${t('assess.total', { total: v.total, max: v.maxTotal })} · ${v.grade ? t(gradeLabel(v.grade)) : ''}`} effect={t('assess.confirmEffect')} /> });
    if (yes) await a.confirm();
  }

  return (
    <PageState state={a.state}>
      {({ data: v }) => {
        const confirmAction = pending(v, 'confirm');
        return (
          <>
            <AssessmentHeader title={t('assess.countyTitle', { name: v.county.name, year: v.year })} tab="counties" year={v.year} status={v.status} />
            <Row gutter={16}>
              <Col xs={24} lg={10}>
                <EvidenceView evidence={v.indicators} frozen={v.status === 'CONFIRMED'} />
              </Col>
              <Col xs={24} lg={14}>
                <Card size="small" className="zy-card" title={t('assess.manual')}>
                  {offers(v, 'update') ? (
                    <Form<Values>
                      form={form}
                      layout="vertical"
                      initialValues={{ manualItems: v.manualItems, grade: v.grade, findings: v.findings }}
                      onFinish={(values) => void a.save({ manualItems: values.manualItems ?? [], grade: values.grade ?? null, findings: values.findings ?? '' })}
                    >
                      <Form.List name="manualItems">
                        {(fields, { add, remove }) => (
                          <>
                            {fields.map((f) => (
                              <Space key={f.key} align="start" wrap>
                                <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('common.required') }]}>
                                  <Input placeholder={t('assess.manual.name')} style={{ width: 180 }} />
                                </Form.Item>
                                <Form.Item name={[f.name, 'score']} rules={[{ required: true, message: t('common.required') }]}>
                                  <InputNumber placeholder={t('assess.manual.score')} min={0} step={0.5} />
                                </Form.Item>
                                <Form.Item name={[f.name, 'max']} rules={[{ required: true, message: t('common.required') }]}>
                                  <InputNumber placeholder={t('assess.manual.max')} min={0.5} step={0.5} />
                                </Form.Item>
                                <Form.Item name={[f.name, 'comment']}>
                                  <Input placeholder={t('assess.manual.comment')} style={{ width: 200 }} />
                                </Form.Item>
                                <Button onClick={() => remove(f.name)}>{t('assess.manual.remove')}</Button>
                              </Space>
                            ))}
                            <Button onClick={() => add({ name: '', score: 0, max: 10 })} style={{ marginBottom: 12 }} data-testid="manual-add">
                              {t('assess.manual.add')}
                            </Button>
                          </>
                        )}
                      </Form.List>
                      <Typography.Paragraph strong data-testid="manual-total">{t('assess.total', { total: sum(items, 'score'), max: sum(items, 'max') })}</Typography.Paragraph>
                      <GradeField />
                      <Form.Item name="findings" label={t('assess.findings')}>
                        <Input.TextArea rows={3} maxLength={5000} />
                      </Form.Item>
                      <SaveAndConfirm busy={a.busy} confirm={confirmAction} onConfirm={() => void confirm(v)} />
                    </Form>
                  ) : (
                    <>
                      <Table<ManualItem>
                        rowKey="name"
                        size="small"
                        pagination={false}
                        dataSource={v.manualItems}
                        columns={[
                          { title: t('assess.manual.name'), dataIndex: 'name' },
                          { title: t('assess.manual.score'), dataIndex: 'score', align: 'right' },
                          { title: t('assess.manual.max'), dataIndex: 'max', align: 'right' },
                          { title: t('assess.manual.comment'), dataIndex: 'comment' },
                        ]}
                      />
                      <Descriptions
                        size="small"
                        column={1}
                        items={[
                          { key: 'total', label: t('assess.col.manual'), children: t('assess.total', { total: v.total, max: v.maxTotal }) },
                          { key: 'grade', label: t('assess.grade'), children: v.grade ? t(gradeLabel(v.grade)) : '' },
                          { key: 'findings', label: t('assess.findings'), children: v.findings },
                          { key: 'at', label: t('assess.confirmedAt'), children: v.confirmedAt ? formatDateTime(v.confirmedAt) : '' },
                        ]}
                      />
                    </>
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
