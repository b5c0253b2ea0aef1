// The trail's names for the notification settings (core/audit/labels.ts).
import { registerAuditActions } from '../core/audit/labels.js';
import { uuidsIn, type TargetNamers } from '../core/audit/targets.js';

registerAuditActions({
  'notification.preferences.update': { 'zh-CN': '修改通知设置', en: 'Notification settings changed' },
  'organisation.webhook.set': { 'zh-CN': '设置单位 Webhook', en: 'Organisation webhook set' },
  'organisation.webhook.delete': { 'zh-CN': '删除单位 Webhook', en: 'Organisation webhook removed' },
  'organisation.webhook.test': { 'zh-CN': '测试单位 Webhook', en: 'Organisation webhook tested' },
  'notification.delivery.retry': { 'zh-CN': '重新发送通知', en: 'Notification sent again' },
});

export const deliveryTargets: TargetNamers = {
  NotificationDelivery: async (db, ids) => {
    const rows = await db.notificationDelivery.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, subject: true } });
    return new Map(rows.map((d) => [d.id, d.subject]));
  },
};
