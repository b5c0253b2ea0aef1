// Importing the register from the spreadsheet a department already keeps: the template to start from, the upload
// (with its progress: a city-wide 摸底 sheet can be large), a preview of what the server read — each column's
// field (and the unit of amounts, 元 or 万元), the first rows, every problem with its row, column and reason —
// and, when nothing is wrong, the import itself (every row registered, or none).
// `cityWide`: the sub-center's survey import (摸底), one sheet of every organisation's systems, each row naming its
// organisation; a name the platform does not recognise comes back with the closest names to choose from.
import { useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { CheckOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/errors';
import { importRegister, previewImport, templateUrl, type ImportColumn, type ImportPreview, type ImportProblem, type ImportResult } from '../../api/migration';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

type Outcome = { file: string } & ({ result: ImportResult } | { problems: ImportProblem[] } | { error: unknown });
type Previewed = { file: File; preview: ImportPreview };
type Suggestion = NonNullable<ImportProblem['suggestions']>[number];

function ProblemTable({ problems }: { problems: ImportProblem[] }) {
  const { t } = useI18n();
  return (
    <div data-testid="import-problems">
      <Table<ImportProblem>
        rowKey={(p) => `${p.line}-${p.cell ?? p.column ?? ''}-${p.code}`}
        size="small"
        dataSource={problems}
        pagination={problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        columns={[
          { title: t('register.problemRow'), dataIndex: 'line', width: 90 },
          { title: t('register.problemColumn'), dataIndex: 'column', width: 160, render: (c?: string) => c ?? '—' },
          { title: t('register.problemCell'), dataIndex: 'cell', width: 90, render: (c?: string) => c ?? '—' },
          { title: t('register.problemMessage'), dataIndex: 'message' },
          ...(problems.some((p) => p.suggestions?.length)
            ? [
                {
                  title: t('register.problemSuggestions'),
                  dataIndex: 'suggestions',
                  width: 260,
                  render: (list?: Suggestion[]) =>
                    list?.length ? (
                      <Flex gap={4} wrap data-testid="import-suggestions">
                        {list.map((s) => (
                          <Tooltip key={s.id} title={t('register.suggestionScore', { score: Math.round(s.score * 100), matched: s.matched })}>
                            <Tag color="blue">{s.name}</Tag>
                          </Tooltip>
                        ))}
                      </Flex>
                    ) : (
                      '—'
                    ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

function MappingTable({ mapping }: { mapping: ImportColumn[] }) {
  const { t } = useI18n();
  return (
    <div data-testid="import-mapping">
      <Table<ImportColumn>
        rowKey="cell"
        size="small"
        dataSource={mapping}
        pagination={false}
        columns={[
          { title: t('register.mappingCell'), dataIndex: 'cell', width: 70 },
          { title: t('register.mappingHeader'), dataIndex: 'header' },
          {
            title: t('register.mappingField'),
            dataIndex: 'label',
            render: (label: string | null, m) => (m.field ? label : <Typography.Text type="secondary">{t('register.mappingIgnored')}</Typography.Text>),
          },
          {
            title: t('register.mappingUnit'),
            dataIndex: 'unit',
            width: 200,
            render: (unit: string | undefined, m) => (unit ? <Tag color={unit === '万元' ? 'blue' : undefined}>{t(`register.unit.${m.unitSource ?? 'default'}`, { unit })}</Tag> : null),
          },
        ]}
      />
    </div>
  );
}

export function ImportPanel({ onImported, cityWide = false }: { onImported(): void; cityWide?: boolean }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [previewed, setPreviewed] = useState<Previewed | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  function failed(file: string, err: unknown) {
    if (err instanceof ApiError && err.code === 'RULE_VIOLATION') setOutcome({ file, problems: err.violations as ImportProblem[] });
    else setOutcome({ file, error: err });
  }

  async function check(file: File) {
    setBusy(true);
    setOutcome(null);
    setPreviewed(null);
    setProgress(0);
    try {
      const res = await previewImport(file, setProgress);
      setPreviewed({ file, preview: res.data });
      if (!res.data.importable) setOutcome({ file: file.name, problems: res.data.problems as ImportProblem[] });
    } catch (err) {
      failed(file.name, err);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  async function confirm() {
    if (!previewed) return;
    const { file } = previewed;
    setBusy(true);
    setProgress(0);
    try {
      const res = await importRegister(file, setProgress);
      setPreviewed(null);
      setOutcome({ file: file.name, result: res.data });
      onImported();
    } catch (err) {
      failed(file.name, err);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  const preview = previewed?.preview;
  return (
    <Card className="zy-card" title={t(cityWide ? 'register.cityImportTitle' : 'register.importTitle')} size="small" data-testid="import-panel">
      <Typography.Paragraph type="secondary">{t(cityWide ? 'register.cityImportHint' : 'register.importHint')}</Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginBottom: outcome || preview ? 16 : 0 }}>
        <Button icon={<DownloadOutlined />} href={templateUrl('xlsx', locale)} download data-testid="template-xlsx">
          {t('register.templateXlsx')}
        </Button>
        <Upload
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void check(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy && !preview}>
            {t('register.importButton')}
          </Button>
        </Upload>
        {progress !== null && (
          <Progress
            percent={Math.round(progress * 100)}
            size="small"
            style={{ width: 220 }}
            status="active"
            format={(p) => (p === 100 ? t('register.uploadChecking') : t('register.uploadProgress', { percent: p ?? 0 }))}
            data-testid="import-progress"
          />
        )}
      </Flex>
      {preview && (
        <div data-testid="import-preview" style={{ marginBottom: 16 }}>
          <Alert
            type={preview.importable ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 12 }}
            title={t(preview.importable ? 'register.previewReady' : 'register.previewNotReady', { file: previewed.file.name, count: preview.rowsRead })}
            description={
              <>
                <div>{t('register.previewHeader', { rows: preview.headerRows.join('、'), sheet: preview.sheet ?? preview.format.toUpperCase() })}</div>
                {preview.skippedEmptyRows > 0 && <div>{t('register.skippedEmptyRows', { count: preview.skippedEmptyRows })}</div>}
              </>
            }
          />
          <MappingTable mapping={preview.mapping} />
          {preview.importable && (
            <Flex gap={8} style={{ marginTop: 12 }}>
              <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={() => void confirm()} data-testid="import-confirm">
                {t('register.importConfirm', { count: preview.rowsRead })}
              </Button>
              <Button disabled={busy} onClick={() => setPreviewed(null)}>
                {t('register.importCancel')}
              </Button>
            </Flex>
          )}
        </div>
      )}
      {outcome && 'result' in outcome && (
        <Alert
          type="success"
          showIcon
          role="status"
          data-testid="import-result"
          title={t('register.imported', { count: outcome.result.imported, file: outcome.file })}
          description={
            <>
              {cityWide ? (
                <div>{t('register.importedOrganisations', { count: outcome.result.organisations })}</div>
              ) : (
                <div>{t('register.importedCodes', { first: outcome.result.firstCode, last: outcome.result.lastCode })}</div>
              )}
              {outcome.result.skippedEmptyRows > 0 && <div>{t('register.skippedEmptyRows', { count: outcome.result.skippedEmptyRows })}</div>}
            </>
          }
        />
      )}
      {outcome && 'problems' in outcome && (
        <div data-testid="import-result">
          <Alert type="error" showIcon title={t('register.importRejected', { file: outcome.file, count: outcome.problems.length })} description={t('register.importRejectedHint')} style={{ marginBottom: 12 }} />
          <ProblemTable problems={outcome.problems} />
        </div>
      )}
      {outcome && 'error' in outcome && <ErrorAlert error={outcome.error} title={t('register.importFailed', { file: outcome.file })} />}
    </Card>
  );
}
