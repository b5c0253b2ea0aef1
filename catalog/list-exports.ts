// The catalog's revisions as a spreadsheet, in the columns the console shows (zh-CN by default): the revisions the
// reader may read (the public: the published ones), searched and filtered as in the list.
import { col, type ListExport } from '../core/export/list-columns.js';
import { registerMessages, t } from '../core/i18n.js';
import { stateKey } from '../core/workflow/machine.js';
import type { RevisionSummary } from './view.js';

registerMessages({
  'export.revision.number': { 'zh-CN': '版本', en: 'Revision' },
  'export.revision.numberValue': { 'zh-CN': '第{n}版', en: 'Revision {n}' },
  'export.revision.title': { 'zh-CN': '标题', en: 'Title' },
  'export.revision.state': { 'zh-CN': '状态', en: 'State' },
  'export.revision.submittedAt': { 'zh-CN': '提交时间', en: 'Submitted' },
  'export.revision.publishedAt': { 'zh-CN': '发布时间', en: 'Published' },
  'file.revisions': { 'zh-CN': '目录版本清单', en: 'catalog-revisions' },
});

export const REVISION_EXPORT: ListExport<RevisionSummary> = {
  file: 'catalog-revisions',
  title: 'file.revisions',
  columns: [
    col.text<RevisionSummary>('export.revision.number', (r, l) => t('export.revision.numberValue', l, { n: r.number }), 10),
    col.text<RevisionSummary>('export.revision.title', (r) => r.title, 40),
    col.text<RevisionSummary>('export.revision.state', (r, l) => t(stateKey('CatalogRevision', r.status), l), 10),
    col.time<RevisionSummary>('export.revision.submittedAt', (r) => r.submittedAt),
    col.time<RevisionSummary>('export.revision.publishedAt', (r) => r.publishedAt),
  ],
};
