// The resource requests as a spreadsheet, in the columns the sub-center's queue shows (zh-CN by default). No contact
// or SSH key: the queue does not show them.
import { col, type ListExport } from '../core/export/list-columns.js';
import { registerMessages, t } from '../core/i18n.js';
import { stateKey } from '../core/workflow/machine.js';
import type { RequestView } from './view-schema.js';

registerMessages({
  'export.request.code': { 'zh-CN': '申请编号', en: 'Request' },
  'export.request.projectCode': { 'zh-CN': '项目编号', en: 'Project number' },
  'export.request.project': { 'zh-CN': '项目名称', en: 'Project' },
  'export.request.org': { 'zh-CN': '建设单位', en: 'Organisation' },
  'export.request.status': { 'zh-CN': '状态', en: 'State' },
  'export.request.items': { 'zh-CN': '申请内容', en: 'Items' },
  'export.request.environment': { 'zh-CN': '环境', en: 'Environment' },
  'export.request.networkZone': { 'zh-CN': '网络区域', en: 'Network zone' },
  'export.request.createdAt': { 'zh-CN': '申请时间', en: 'Requested' },
  'environment.production': { 'zh-CN': '生产环境', en: 'Production' },
  'environment.test': { 'zh-CN': '测试环境', en: 'Test' },
  'networkZone.egov-extranet': { 'zh-CN': '政务外网', en: 'E-government extranet' },
  'networkZone.internet': { 'zh-CN': '互联网区', en: 'Internet zone' },
  'file.requests': { 'zh-CN': '资源申请清单', en: 'resource-requests' },
});

export const REQUEST_EXPORT: ListExport<RequestView> = {
  file: 'resource-requests',
  title: 'file.requests',
  columns: [
    col.text<RequestView>('export.request.code', (r) => r.code, 20),
    col.text<RequestView>('export.request.projectCode', (r) => r.project.code, 16),
    col.text<RequestView>('export.request.project', (r) => r.project.name, 30),
    col.text<RequestView>('export.request.org', (r) => r.project.orgName, 24),
    col.text<RequestView>('export.request.status', (r, l) => t(stateKey('ResourceRequest', r.status), l), 12),
    col.text<RequestView>('export.request.items', (r, l) => r.items.map((i) => `${i.planCode} × ${i.quantity}`).join(l === 'en' ? ', ' : '，'), 30),
    col.text<RequestView>('export.request.environment', (r, l) => t(`environment.${r.environment}`, l), 10),
    col.text<RequestView>('export.request.networkZone', (r, l) => t(`networkZone.${r.networkZone}`, l), 12),
    col.time<RequestView>('export.request.createdAt', (r) => r.createdAt),
  ],
};
