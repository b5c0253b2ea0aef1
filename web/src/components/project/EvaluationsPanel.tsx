// A project's evaluations (Art. 22, 24), for whoever reads the project: GIA's effectiveness evaluations with their
// six dimensions and the rectification notice each issued, and Finance's spot-check results of its self-evaluations.
// GIA is offered 绩效评价 (from the server's allowedActions): the form scores the six dimensions and may issue the
// rectification notice in the same request (If-Match: the project's version).
import { useState } from 'react';
import { App, Button, Checkbox, Col, Descriptions, Empty, Form, Input, InputNumber, List, Row, Select, Space, Tag, Typography } from 'antd';
import { offers } from '../../api/actions';
import { ApiError } from '../../api/errors';
import { createEvaluation, EVALUATION_DIMENSIONS, EVALUATION_GRADES, fetchEvaluations, type EvaluationInput, type ProjectEvaluations } from '../../api/evaluations';
import { formatDate, formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';
import { FormModal } from '../FormModal';
import { PageState } from '../PageState';

type Dimension = (typeof EVALUATION_DIMENSIONS)[number];

interface Values {
  dimensions: Record<Dimension, { score: number; comment?: string }>;
  grade: EvaluationInput['grade'];
  conclusion: string;
  rectify?: boolean;
  issues?: string;
}

export function EvaluationsPanel({ projectId, onChanged }: { projectId: string; onChanged?(): void }) {
  const state = useApiData((signal) => fetchEvaluations(projectId, signal), [projectId]);
  return <PageState state={state}>{(data) => <Evaluations projectId={projectId} data={data} reload={state.reload} onChanged={onChanged} />}</PageState>;
}

function Evaluations({ projectId, data, reload, onChanged }: { projectId: string; data: ProjectEvaluations; reload(): void; onChanged?(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const rectify = Form.useWatch('rectify', form);

  async function onSubmit(v: Values) {
    const dimensions = Object.fromEntries(
      EVALUATION_DIMENSIONS.map((d) => [d, { score: v.dimensions[d].score, ...(v.dimensions[d].comment?.trim() ? { comment: v.dimensions[d].comment!.trim() } : {}) }]),
    ) as EvaluationInput['dimensions'];
    await createEvaluation(projectId, data.projectVersion, {
      dimensions,
      grade: v.grade,
      conclusion: v.conclusion.trim(),
      ...(v.rectify ? { rectification: { issues: v.issues!.trim() } } : {}),
    });
    message.success(t(v.rectify ? 'evaluations.savedWithNotice' : 'evaluations.saved'));
    setOpen(false);
    reload();
    onChanged?.();
  }

  const stale = (err: unknown) => {
    if (!(err instanceof ApiError && err.isStale)) return false;
    message.warning(t('common.staleReloaded'));
    setOpen(false);
    reload();
    onChanged?.();
    return true;
  };

  return (
    <div data-testid="evaluations-panel">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">{t('evaluations.hint')}</Typography.Text>
        {offers(data, 'evaluate') && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="evaluate">
            {t('evaluations.evaluate')}
          </Button>
        )}
      </Space>
      {data.evaluations.length === 0 && data.spotChecks.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluations.none')} />}
      {data.evaluations.length > 0 && (
        <List
          dataSource={data.evaluations}
          renderItem={(e) => (
            <List.Item data-testid="evaluation">
              <div style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={e.grade === 'POOR' ? 'error' : e.grade === 'FAIR' ? 'warning' : 'success'}>{t(`evaluationGrade.${e.grade}`)}</Tag>
                  <Typography.Text>{e.conclusion}</Typography.Text>
                  <Typography.Text type="secondary">{`${e.evaluatedBy} · ${formatDateTime(e.createdAt)}`}</Typography.Text>
                </Space>
                <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 8 }}>
                  {EVALUATION_DIMENSIONS.map((d) => (
                    <Descriptions.Item key={d} label={t(`evaluationDimension.${d}`)}>
                      {e.dimensions[d].score}
                      {e.dimensions[d].comment ? `（${e.dimensions[d].comment}）` : ''}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
                {e.rectification && (
                  <Tag color="orange" data-testid="evaluation-rectification">
                    {t('evaluations.rectification')} · {t('evaluations.rectificationDue', { due: formatDate(e.rectification.dueDate) })}
                  </Tag>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
      {data.spotChecks.length > 0 && (
        <>
          <Typography.Title level={5}>{t('evaluations.spotChecks')}</Typography.Title>
          <List
            dataSource={data.spotChecks}
            renderItem={(s) => (
              <List.Item data-testid="spot-check-result">
                <Space wrap>
                  <Typography.Text>{t('evaluations.spotCheckYear', { year: s.year })}</Typography.Text>
                  {s.result && <Tag color={s.result === 'UNQUALIFIED' ? 'error' : s.result === 'QUALIFIED' ? 'success' : 'warning'}>{t(`spotCheckResult.${s.result}`)}</Tag>}
                  <Typography.Text>{s.findings}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
      <FormModal<Values>
        open={open}
        title={t('evaluations.formTitle')}
        okText={t('evaluations.evaluate')}
        okTestId="evaluate-submit"
        width={760}
        form={form}
        fields={[...EVALUATION_DIMENSIONS.flatMap((d) => [`dimensions.${d}.score`, `dimensions.${d}.comment`]), 'grade', 'conclusion', 'rectification.issues']}
        ariaLabel={t('evaluations.formTitle')}
        onCancel={() => setOpen(false)}
        onSubmit={onSubmit}
        handled={stale}
      >
        {EVALUATION_DIMENSIONS.map((d) => (
          <Row gutter={12} key={d}>
            <Col span={8}>
              <Form.Item label={`${t(`evaluationDimension.${d}`)} · ${t('evaluations.score')}`} name={['dimensions', d, 'score']} rules={[{ required: true, message: t('common.required') }]}>
                <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} aria-label={t(`evaluationDimension.${d}`)} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item label={t('evaluations.comment')} name={['dimensions', d, 'comment']}>
                <Input maxLength={2000} />
              </Form.Item>
            </Col>
          </Row>
        ))}
        <Form.Item label={t('evaluations.grade')} name="grade" rules={[{ required: true, message: t('common.required') }]}>
          <Select showSearch optionFilterProp="label" options={EVALUATION_GRADES.map((g) => ({ value: g, label: t(`evaluationGrade.${g}`) }))} />
        </Form.Item>
        <Form.Item label={t('evaluations.conclusion')} name="conclusion" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="rectify" valuePropName="checked" extra={t('evaluations.rectifyHint')}>
          <Checkbox data-testid="evaluation-rectify">{t('evaluations.rectify')}</Checkbox>
        </Form.Item>
        {rectify && (
          <Form.Item label={t('evaluations.issues')} name="issues" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={3} maxLength={5000} showCount />
          </Form.Item>
        )}
      </FormModal>
    </div>
  );
}
