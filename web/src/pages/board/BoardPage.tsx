// The migration progress board, for a wall screen: big numbers, ECharts charts (status, department, county, wave,
// strategy, hosting, cumulative curve), overdue waves, the breakdowns as tables that add up (./BreakdownPanels.tsx),
// and (full view) the systems still outside the city cloud.
// Anyone may see the public view without signing in; GIA, the auditor and the sub-center get the full view.
// It refreshes itself every 30 seconds (?refresh=N changes that, for a test or a faster wall).
import { useEffect, useMemo } from 'react';
import { Button, Col, Flex, Row, Segmented, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { fetchBoard, MIGRATION_STATES, type MigrationBoard } from '../../api/board';
import { useAuth } from '../../auth/AuthContext';
import { EChart } from '../../components/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/PageState';
import { formatDateTime } from '../../format/dates';
import { JurisdictionFilter } from '../../components/JurisdictionFilter';
import { useApiData } from '../../hooks/useApiData';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { LocaleSwitch } from '../../layout/LocaleSwitch';
import { BreakdownPanels } from './BreakdownPanels';
import { Panel } from './Panel';
import { AssessmentTables } from './AssessmentTables';

const STATUS_COLORS: Record<string, string> = {
  REGISTERED: '#94a3b8',
  ASSESSED: '#60a5fa',
  PLANNED: '#818cf8',
  MIGRATING: '#fbbf24',
  CUT_OVER: '#f59e0b',
  MIGRATED: '#22c55e',
  DECOMMISSIONED: '#64748b',
  BLOCKED: '#ef4444',
};

const TEXT = '#e2e8f0';
const emptyTitle = (t: Translate, empty: boolean) =>
  empty ? { text: t('common.empty'), left: 'center', top: 'middle', textStyle: { color: '#64748b', fontSize: 16, fontWeight: 'normal' } } : { text: '' };

const AXIS = { axisLabel: { color: TEXT, fontSize: 14 }, axisLine: { lineStyle: { color: '#475569' } }, splitLine: { lineStyle: { color: '#1e293b' } } };

function stackedByStatus(t: Translate, rows: { name: string; byStatus: Record<string, number> }[]) {
  return {
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { color: TEXT, fontSize: 13 } },
    grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...AXIS },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, ...AXIS },
    series: MIGRATION_STATES.map((s) => ({
      name: t(`migration.status.${s}` as MessageKey),
      type: 'bar',
      stack: 'status',
      itemStyle: { color: STATUS_COLORS[s] },
      data: rows.map((r) => r.byStatus[s] ?? 0),
    })),
  };
}

function pie(items: { name: string; value: number; color?: string }[]) {
  return {
    backgroundColor: 'transparent',
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, textStyle: { color: TEXT, fontSize: 13 } },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '44%'],
        label: { color: TEXT, fontSize: 14, formatter: '{b}\n{c}' },
        data: items.filter((i) => i.value > 0).map((i) => ({ name: i.name, value: i.value, itemStyle: i.color ? { color: i.color } : undefined })),
      },
    ],
  };
}

function useRefreshSeconds(): number {
  const [params] = useSearchParams();
  const n = Number(params.get('refresh'));
  return Number.isFinite(n) && n >= 2 && n <= 3600 ? n : 30;
}

export function BoardPage() {
  const { t } = useI18n();
  const { mayOpen } = useAuth();
  const [params, setParams] = useSearchParams();
  const mayFull = mayOpen('migrationBoard');
  const view: 'public' | 'full' = mayFull && params.get('view') !== 'public' ? 'full' : 'public';
  const seconds = useRefreshSeconds();
  const jurisdiction = params.get('jurisdiction') ?? undefined;
  const state = useApiData((signal) => fetchBoard(view, jurisdiction, signal), [view, jurisdiction]);
  const { reload } = state;

  useEffect(() => {
    const timer = setInterval(reload, seconds * 1000);
    return () => clearInterval(timer);
  }, [reload, seconds]);

  return (
    <div className="zy-board" data-testid="board" data-view={view}>
      <header className="zy-board-header">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Typography.Title level={1} className="zy-board-title">
              {t('board.title')}
            </Typography.Title>
            <span className="zy-board-sub" aria-live="polite" data-testid="board-updated">
              {state.data ? t('board.updatedAt', { time: formatDateTime(state.data.generatedAt ?? new Date().toISOString()), seconds }) : ''}
            </span>
          </div>
          <Flex gap={12} align="center" wrap>
            {mayFull && (
              <Segmented
                value={view}
                onChange={(v) => setParams({ ...(v === 'public' ? { view: 'public' } : {}), ...(jurisdiction ? { jurisdiction } : {}) }, { replace: true })}
                options={[
                  { label: t('board.fullView'), value: 'full' },
                  { label: t('board.publicView'), value: 'public' },
                ]}
              />
            )}
            {!mayFull && <Tag color="blue">{t('board.publicView')}</Tag>}
            <JurisdictionFilter
              value={jurisdiction}
              onChange={(j) => setParams({ ...(view === 'public' && mayFull ? { view: 'public' } : {}), ...(j ? { jurisdiction: j } : {}) }, { replace: true })}
            />
            <LocaleSwitch />
            <Button onClick={reload} loading={state.loading && state.data !== undefined}>
              {t('board.refresh')}
            </Button>
            <Link to="/" className="zy-board-link">
              {t('board.backToConsole')}
            </Link>
          </Flex>
        </Flex>
      </header>
      {state.error !== undefined && <ErrorAlert error={state.error} onRetry={reload} />}
      {state.data === undefined && state.error === undefined && <Loading />}
      {state.data && <BoardBody board={state.data} />}
    </div>
  );
}

function Kpi({ label, value, testId, tone }: { label: string; value: number; testId: string; tone?: 'good' | 'warn' }) {
  return (
    <div className={`zy-kpi ${tone ? `zy-kpi-${tone}` : ''}`} data-testid={testId}>
      <div className="zy-kpi-value">{value.toLocaleString()}</div>
      <div className="zy-kpi-label">{label}</div>
    </div>
  );
}

/** the departments' or the counties' lines of the board (its organisations of that kind, by code) */
const ofKind = (board: MigrationBoard, kind: 'DEPARTMENT' | 'COUNTY') => board.byOrganisation.filter((o) => o.kind === kind);

function BoardBody({ board }: { board: MigrationBoard }) {
  const { t } = useI18n();
  const options = useMemo(() => {
    const statusPie = pie(MIGRATION_STATES.map((s) => ({ name: t(`migration.status.${s}` as MessageKey), value: board.totals.byStatus[s] ?? 0, color: STATUS_COLORS[s] })));
    const dept = stackedByStatus(t, ofKind(board, 'DEPARTMENT'));
    const county = stackedByStatus(t, ofKind(board, 'COUNTY'));
    const wave = {
      backgroundColor: 'transparent',
      title: emptyTitle(t, board.byWave.length === 0),
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: TEXT, fontSize: 13 } },
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: board.byWave.map((w) => w.name), ...AXIS },
      yAxis: { type: 'value', minInterval: 1, ...AXIS },
      series: [
        { name: t('board.systems'), type: 'bar', itemStyle: { color: '#60a5fa' }, data: board.byWave.map((w) => w.systems) },
        { name: t('board.migrated'), type: 'bar', itemStyle: { color: '#22c55e' }, data: board.byWave.map((w) => w.migrated) },
        { name: t('board.remaining'), type: 'bar', itemStyle: { color: '#f59e0b' }, data: board.byWave.map((w) => w.remaining) },
      ],
    };
    const strategy = pie(board.byStrategy.map((s) => ({ name: s.strategy ? t(`migration.strategy.${s.strategy}` as MessageKey) : t('board.unassessed'), value: s.systems })));
    const hosting = pie(board.byHosting.map((h) => ({ name: t(`migration.hosting.${h.hosting}` as MessageKey), value: h.systems })));
    const curve = {
      backgroundColor: 'transparent',
      title: emptyTitle(t, board.migratedOverTime.length === 0),
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: TEXT, fontSize: 13 } },
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: 'category', boundaryGap: false, data: board.migratedOverTime.map((m) => m.month), ...AXIS },
      yAxis: { type: 'value', minInterval: 1, ...AXIS },
      series: [
        { name: t('board.cumulativeMigrated'), type: 'line', smooth: true, areaStyle: { opacity: 0.2 }, itemStyle: { color: '#22c55e' }, data: board.migratedOverTime.map((m) => m.cumulativeMigrated) },
        { name: t('board.cumulativeDecommissioned'), type: 'line', smooth: true, itemStyle: { color: '#94a3b8' }, data: board.migratedOverTime.map((m) => m.cumulativeDecommissioned) },
      ],
    };
    return { statusPie, dept, county, wave, strategy, hosting, curve };
  }, [board, t]);

  const rowsHeight = (n: number) => Math.max(240, 60 + n * 34);
  return (
    <main className="zy-board-body">
      <div className="zy-kpis">
        <Kpi label={t('board.systems')} value={board.totals.systems} testId="kpi-systems" />
        <Kpi label={t('board.migrated')} value={board.totals.migrated} testId="kpi-migrated" tone="good" />
        <Kpi label={t('board.retired')} value={board.totals.retired} testId="kpi-retired" />
        <Kpi label={t('board.outside')} value={board.totals.outsideCityCloud} testId="kpi-outside" tone="warn" />
        <Kpi label={t('board.exempt')} value={board.totals.exempt} testId="kpi-exempt" />
        <Kpi label={t('board.onCityCloud')} value={board.totals.alreadyOnCityCloud} testId="kpi-city-cloud" />
      </div>
      {board.totals.systems === 0 && <p className="zy-board-empty">{t('board.noData')}</p>}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Panel title={t('board.byStatus')}>
            <EChart option={options.statusPie} label={t('board.chartLabel', { title: t('board.byStatus') })} testId="chart-status" />
          </Panel>
        </Col>
        <Col xs={24} xl={16}>
          <Panel title={t('board.curve')}>
            <EChart option={options.curve} label={t('board.chartLabel', { title: t('board.curve') })} testId="chart-curve" />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('board.byDepartment')}>
            <EChart option={options.dept} height={rowsHeight(ofKind(board, 'DEPARTMENT').length)} label={t('board.chartLabel', { title: t('board.byDepartment') })} testId="chart-department" />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('board.byCounty')}>
            <EChart option={options.county} height={rowsHeight(ofKind(board, 'COUNTY').length)} label={t('board.chartLabel', { title: t('board.byCounty') })} testId="chart-county" />
          </Panel>
        </Col>
        <Col xs={24} xl={8}>
          <Panel title={t('board.byWave')}>
            <EChart option={options.wave} label={t('board.chartLabel', { title: t('board.byWave') })} testId="chart-wave" />
            {board.overdueWaves.length > 0 && (
              <ul className="zy-board-overdue" data-testid="overdue-waves" aria-label={t('board.overdueWaves')}>
                {board.overdueWaves.map((w) => (
                  <li key={w.id}>{t('board.overdueWave', { name: w.name, days: w.daysOverdue, remaining: w.remaining })}</li>
                ))}
              </ul>
            )}
          </Panel>
        </Col>
        <Col xs={24} xl={8}>
          <Panel title={t('board.byStrategy')}>
            <EChart option={options.strategy} label={t('board.chartLabel', { title: t('board.byStrategy') })} testId="chart-strategy" />
          </Panel>
        </Col>
        <Col xs={24} xl={8}>
          <Panel title={t('board.byHosting')}>
            <EChart option={options.hosting} label={t('board.chartLabel', { title: t('board.byHosting') })} testId="chart-hosting" />
          </Panel>
        </Col>
        <BreakdownPanels board={board} />
        {board.assessment && (
          <Col xs={24}>
            <Panel title={t('questionnaire.boardTitle')}>
              <AssessmentTables assessment={board.assessment} />
            </Panel>
          </Col>
        )}
        {board.view === 'full' && board.outsideCityCloud.systems && (
          <Col xs={24}>
            <Panel title={`${t('board.outsideList')}（${board.outsideCityCloud.total}）`}>
              <div data-testid="outside-systems">
                <Table
                  size="small"
                  rowKey="id"
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={board.outsideCityCloud.systems}
                  scroll={{ x: true }}
                  columns={[
                    { title: t('board.sysCode'), dataIndex: 'code' },
                    { title: t('board.sysName'), dataIndex: 'name' },
                    { title: t('board.org'), dataIndex: 'orgName' },
                    { title: t('board.hosting'), dataIndex: 'hosting', render: (h: string) => t(`migration.hosting.${h}` as MessageKey) },
                    { title: t('board.location'), dataIndex: 'location', render: (l: string | null) => l ?? '—' },
                    { title: t('board.status'), dataIndex: 'status', render: (s: string) => t(`migration.status.${s}` as MessageKey) },
                    { title: t('board.wave'), dataIndex: 'wave', render: (w: string | null) => w ?? '—' },
                  ]}
                />
              </div>
            </Panel>
          </Col>
        )}
      </Row>
    </main>
  );
}
