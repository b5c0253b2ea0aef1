// The project wizard: basics → documents → information resource catalog → resource lines → submit.
// Local edits are validated live by the server's own validator and saved step by step with If-Match; a 412
// (someone changed the project meanwhile) reloads it and says so.
import { offers } from '../../../api/actions';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Result, Steps } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, type RuleViolation } from '../../../api/errors';
import { fetchProject, returnedForRevision, submitProject } from '../../../api/projects';
import { useAuth } from '../../../auth/AuthContext';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ViolationList } from '../../../components/ViolationList';
import { Loading } from '../../../components/PageState';
import { PageTitle } from '../../../components/PageTitle';
import { useCatalogView } from '../../../hooks/useCatalogView';
import { useI18n } from '../../../i18n';
import { BasicsStep } from './BasicsStep';
import { DocumentsStep } from './DocumentsStep';
import {
  basicsFrom,
  basicsToApi,
  emptyBasics,
  linesFrom,
  numberLines,
  resourcesFrom,
  resourcesToApi,
  toValidationInput,
  type BasicsValues,
  type LineRow,
  type ResourceRow,
} from './draftState';
import { LinesStep } from './LinesStep';
import { ResourcesStep } from './ResourcesStep';
import { incompleteLines, saveBasics, saveResources, syncLines, type Saved } from './saveDraft';
import { SubmitStep } from './SubmitStep';
import { placeViolations, useLiveValidation } from './useLiveValidation';

const STEP_KEYS = ['wizard.step.basics', 'wizard.step.documents', 'wizard.step.resources', 'wizard.step.lines', 'wizard.step.submit'] as const;

class IncompleteError extends Error {}

export function ProjectWizardPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const { id } = useParams();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const step = Math.min(4, Math.max(0, Number(search.get('step') ?? 0) || 0));
  const [form] = Form.useForm<BasicsValues>();

  const [saved, setSaved] = useState<Saved | null>(null);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(Boolean(id));
  const [basics, setBasics] = useState<BasicsValues>(emptyBasics);
  const [resources, setResources] = useState<ResourceRow[]>([]);
  const [lines, setLines] = useState<LineRow[]>([]);
  const [serverViolations, setServerViolations] = useState<RuleViolation[] | null>(null);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  // the basics form takes its values when it mounts: a new key remounts it after a reload
  const [basicsKey, setBasicsKey] = useState(0);
  const resetFrom = useCallback((s: Saved) => {
    setSaved(s);
    setBasics(basicsFrom(s.project));
    setBasicsKey((k) => k + 1);
    setResources(resourcesFrom(s.project));
    setLines(linesFrom(s.project));
  }, []);

  const load = useCallback(async () => {
    if (!id) return;
    setLoading(true);
    setLoadError(undefined);
    try {
      const res = await fetchProject(id);
      resetFrom({ project: res.data, etag: res.etag });
    } catch (err) {
      setLoadError(err);
    } finally {
      setLoading(false);
    }
  }, [id, resetFrom]);

  useEffect(() => {
    if (id && saved?.project.id !== id) void load();
    // runs when the URL names another project; `saved` is read only to skip the draft just saved under that id
  }, [id]);

  const catalog = useCatalogView(saved?.project.catalogRevision);
  const numbered = useMemo(() => numberLines(lines), [lines]);
  // the validator's rules depend on who applies: the saved project's organisation, or the signed-in user's
  const orgKind = saved?.project.org.kind ?? user?.orgKind ?? 'DEPARTMENT';
  const input = useMemo(() => toValidationInput(basics, resources, numbered, orgKind), [basics, resources, numbered, orgKind]);
  const live = useLiveValidation(input, catalog.data, locale);
  const placed = live?.violations ?? placeViolations([]);

  const dirty = useMemo(() => {
    const p = saved?.project;
    if (!p) return { basics: true, resources: resources.length > 0, lines: lines.length > 0 };
    const sameLines =
      lines.length === p.lines.length &&
      lines.every((r, i) => {
        const l = p.lines[i];
        return l !== undefined && r.lineNo === l.lineNo && r.planCode === l.planCode && r.quantity === l.quantity && r.purpose === l.purpose;
      });
    return {
      basics: JSON.stringify(basicsToApi(basics)) !== JSON.stringify(basicsToApi(basicsFrom(p))),
      resources: JSON.stringify(resourcesToApi(resources)) !== JSON.stringify(p.informationResources.map((r) => ({ direction: r.direction, name: r.name, source: r.source, format: r.format, updateFrequency: r.updateFrequency, sharing: r.sharing, openness: r.openness }))),
      lines: !sameLines,
    };
  }, [saved, basics, resources, lines]);

  async function saveAll(): Promise<Saved> {
    let cur = saved;
    if (!cur || dirty.basics) cur = await saveBasics(cur, basics);
    if (dirty.resources) {
      const blank = resources.findIndex((r) => !r.name.trim() || !r.source.trim() || !r.format.trim() || !r.updateFrequency.trim());
      if (blank >= 0) throw new IncompleteError(t('wizard.resourceIncomplete', { n: blank + 1 }));
      cur = await saveResources(cur, resources);
    }
    if (dirty.lines) {
      const bad = incompleteLines(lines);
      if (bad.length) throw new IncompleteError(t('wizard.lineIncomplete', { lines: bad.map((i) => numbered[i]?.displayNo ?? i + 1).join('、') }));
      cur = await syncLines(cur, lines);
      setLines(linesFrom(cur.project));
    }
    setSaved(cur);
    return cur;
  }

  async function handleError(err: unknown) {
    if (err instanceof IncompleteError) {
      message.warning(err.message);
    } else if (err instanceof ApiError && err.isStale) {
      message.warning(t('common.staleReloaded'));
      await load();
    } else {
      setActionError(err);
    }
  }

  function goTo(next: number, savedNow?: Saved) {
    const pid = savedNow?.project.id ?? saved?.project.id;
    if (!id && pid) navigate(`/portal/projects/${pid}/edit?step=${next}`, { replace: true });
    else setSearch({ step: String(next) }, { replace: true });
    window.scrollTo(0, 0);
  }

  async function forward(next: number) {
    setActionError(undefined);
    if (step === 0) {
      try {
        await form.validateFields();
      } catch {
        return;
      }
    }
    setBusy(true);
    try {
      const s = await saveAll();
      goTo(next, s);
    } catch (err) {
      await handleError(err);
    } finally {
      setBusy(false);
    }
  }

  async function saveOnly() {
    setActionError(undefined);
    setBusy(true);
    try {
      const s = await saveAll();
      message.success(t('wizard.saved'));
      if (!id) goTo(step, s);
    } catch (err) {
      await handleError(err);
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    setActionError(undefined);
    setServerViolations(null);
    setBusy(true);
    try {
      const s = await saveAll();
      await submitProject(s.project.id, s.etag);
      message.success(t('wizard.submitted'));
      navigate(`/portal/projects/${s.project.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'RULE_VIOLATION') setServerViolations(err.violations);
      else await handleError(err);
    } finally {
      setBusy(false);
    }
  }

  if (loading) return <Loading />;
  if (loadError !== undefined) return <ErrorAlert error={loadError} onRetry={load} />;
  if (saved && !offers(saved.project, 'update')) {
    return (
      <Result
        status="info"
        title={t('wizard.notEditable')}
        extra={<Link to={`/portal/projects/${saved.project.id}`}>{t('wizard.openProject')}</Link>}
      />
    );
  }

  const stepErrors = [
    [...placed.basics.values()].flat().length,
    0,
    [...placed.resources.values()].flat().length + placed.resourceCatalog.length,
    [...placed.lines.values()].flat().length + placed.lineList.length,
    placed.all.length,
  ];
  const serverPlaced = serverViolations ? placeViolations(serverViolations, (n) => numbered.findIndex((l) => l.displayNo === n)) : null;

  return (
    <>
      <PageTitle
        title={saved ? t('wizard.editTitle', { name: saved.project.name }) : t('wizard.newTitle')}
        subtitle={saved ? `${saved.project.code} · ${t('catalog.revisionLabel', { n: saved.project.catalogRevision })}` : t('wizard.newSubtitle')}
      />
      {saved && returnedForRevision(saved.project.status) && <Alert type="warning" showIcon title={t('wizard.returnedNote')} style={{ marginBottom: 16 }} />}
      <Card className="zy-card">
        <Steps
          current={step}
          onChange={(n) => (saved ? (n > step ? void forward(n) : goTo(n)) : undefined)}
          items={STEP_KEYS.map((k, i) => ({
            title: t(k),
            status: i === step ? 'process' : stepErrors[i] && i !== 4 ? 'error' : i < step ? 'finish' : 'wait',
            disabled: !saved && i > 0,
          }))}
        />
      </Card>
      <Card className="zy-card" title={t(STEP_KEYS[step]!)}>
        {actionError !== undefined && (
          <div style={{ marginBottom: 16 }}>
            {/* a rule the save broke (a line asking for a retired plan): the validator's message, line and article */}
            {actionError instanceof ApiError && actionError.violations.length > 0 ? <ViolationList violations={actionError.violations} /> : <ErrorAlert error={actionError} />}
          </div>
        )}
        {catalog.error !== undefined && <ErrorAlert error={catalog.error} onRetry={catalog.reload} />}
        {step === 0 && <BasicsStep key={basicsKey} form={form} initial={basics} onChange={setBasics} violations={placed.basics} />}
        {step === 1 && saved && (
          <DocumentsStep
            project={saved.project}
            onUploaded={async () => {
              const res = await fetchProject(saved.project.id);
              setSaved({ project: res.data, etag: res.etag });
            }}
          />
        )}
        {step === 2 && <ResourcesStep rows={resources} onChange={setResources} violations={placed.resources} catalogViolations={placed.resourceCatalog} />}
        {step === 3 &&
          (catalog.data && live ? (
            <LinesStep
              lines={numbered}
              view={catalog.data}
              onChange={setLines}
              violations={serverPlaced && serverPlaced.lines.size ? mergeMaps(placed.lines, serverPlaced.lines) : placed.lines}
              listViolations={placed.lineList}
              budgetViolations={placed.basics.get('totalBudget') ?? []}
              perLine={live.cost.perLine}
              total={live.cost.total}
              budget={basics.totalBudget}
            />
          ) : (
            <Loading />
          ))}
        {step === 4 && (
          <SubmitStep
            project={saved?.project ?? null}
            name={basics.name}
            budget={basics.totalBudget}
            cost={live?.cost.total ?? 0}
            lineCount={lines.length}
            resourceCount={resources.length}
            live={placed.all}
            server={serverViolations}
            busy={busy}
            onSubmit={() => void submit()}
          />
        )}
      </Card>
      <Flex justify="space-between" gap={8} wrap>
        <Button disabled={step === 0 || busy} onClick={() => goTo(step - 1)}>
          {t('wizard.previous')}
        </Button>
        <Flex gap={8}>
          <Button onClick={() => void saveOnly()} loading={busy} data-testid="save-draft">
            {t('wizard.saveDraft')}
          </Button>
          {step < 4 && (
            <Button type="primary" onClick={() => void forward(step + 1)} loading={busy} data-testid="wizard-next">
              {t('wizard.next')}
            </Button>
          )}
        </Flex>
      </Flex>
    </>
  );
}

/** Live findings plus the server's, without repeating a message the live validator already shows. */
function mergeMaps(a: Map<number, RuleViolation[]>, b: Map<number, RuleViolation[]>): Map<number, RuleViolation[]> {
  const out = new Map(a);
  for (const [k, vs] of b) {
    const have = out.get(k) ?? [];
    out.set(k, [...have, ...vs.filter((v) => !have.some((h) => h.message === v.message))]);
  }
  return out;
}
