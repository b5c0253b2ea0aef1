// The lines of a provisioning job's log, by code, in both languages. Pure data: the worker, the drivers and the
// Pulumi runner write codes and parameters (job-log.ts), the API renders them in the reader's language.
// {kind} and {op} take keys (job.kind.*, job.op.*), which are named in the reader's language too.
export const JOB_LOG_MESSAGES = {
  'job.log.queued': { 'zh-CN': '已排队（{kind}）', en: 'Queued ({kind})' },
  'job.log.started': { 'zh-CN': '开始执行（第 {attempt} 次）', en: 'Started (attempt {attempt})' },
  'job.log.restarted': { 'zh-CN': '上次执行中断，重新执行', en: 'The last attempt was interrupted; running again' },
  'job.log.heartbeatLost': {
    'zh-CN': '执行该任务的工作进程 {worker} 已 {seconds} 秒无心跳（最后一次 {at}），判定已中断，重新排队',
    en: 'The worker running this job ({worker}) has not beaten for {seconds} s (last at {at}): taken as interrupted and queued again',
  },
  'job.log.heartbeatLostFinal': {
    'zh-CN': '执行该任务的工作进程 {worker} 已 {seconds} 秒无心跳（最后一次 {at}），重试次数已用完',
    en: 'The worker running this job ({worker}) has not beaten for {seconds} s (last at {at}), and its retries are spent',
  },
  'job.log.desiredState': { 'zh-CN': '期望状态：{count} 个对象', en: 'Desired state: {count} objects' },
  'job.log.succeeded': { 'zh-CN': '完成', en: 'Succeeded' },
  'job.log.retrying': { 'zh-CN': '出错，将重试', en: 'Error; the job will be retried' },
  'job.log.failed': { 'zh-CN': '失败', en: 'Failed' },
  'job.log.drift': { 'zh-CN': '发现 {count} 处配置漂移', en: 'Found {count} drifted objects' },
  'job.log.noDrift': { 'zh-CN': '无配置漂移', en: 'No drift' },
  'job.log.rendered': { 'zh-CN': '已写入 {written} 个清单，未变 {unchanged} 个，删除 {removed} 个', en: 'Wrote {written} manifests, {unchanged} unchanged, {removed} removed' },
  'job.log.finalBackupByHand': { 'zh-CN': '未连接集群，无法自动做最终备份：{names}，请在应用前手工备份', en: 'No cluster connected: take the final backup of {names} by hand before applying' },
  'job.log.finalBackupRequested': { 'zh-CN': '已请求最终备份 {name}', en: 'Final backup {name} requested' },
  'job.log.finalBackupCompleted': { 'zh-CN': '最终备份 {name} 已完成', en: 'Final backup {name} completed' },
  'job.log.stackSelecting': { 'zh-CN': '选择堆栈 {stack}', en: 'Selecting stack {stack}' },
  'job.log.stackSelectingOrCreating': { 'zh-CN': '选择或创建堆栈 {stack}', en: 'Selecting or creating stack {stack}' },
  'job.log.engineRun': { 'zh-CN': 'Pulumi {op}：堆栈 {stack}', en: 'Pulumi {op} of stack {stack}' },
  'job.log.engineTimeout': { 'zh-CN': 'Pulumi {op}（堆栈 {stack}）超过 {ms} 毫秒，正在取消', en: 'Pulumi {op} of stack {stack} took longer than {ms} ms; cancelling' },
  'job.log.stepBegin': { 'zh-CN': '开始{op} {object}', en: 'Begin {op} {object}' },
  'job.log.stepEnd': { 'zh-CN': '已{op} {object}', en: 'End {op} {object}' },
  'job.log.objectFailed': { 'zh-CN': '{op}失败：{object}', en: '{op} failed: {object}' },
  'job.log.engineOutput': { 'zh-CN': '引擎输出', en: 'Engine output' },
  'job.log.engineDiagnostic': { 'zh-CN': '引擎诊断', en: 'Engine diagnostic' },
  'job.log.staleLockRemoved': {
    'zh-CN': '已移除堆栈 {stack} 的遗留锁（{host} 上的 pulumi 进程 {pid} 于 {at} 加锁，该进程已不存在）',
    en: 'Removed the lock of stack {stack} left by pulumi pid {pid} on {host} at {at}, which no longer runs',
  },
  'job.log.deadWorkerLockRemoved': {
    'zh-CN': '已移除堆栈 {stack} 的遗留锁（{host} 上的 pulumi 进程 {pid} 于 {at} 加锁；该主机上执行本任务的工作进程已停止心跳）',
    en: 'Removed the lock of stack {stack} left by pulumi pid {pid} on {host} at {at}: the worker that ran this job there stopped beating',
  },
  'job.log.pendingCleared': {
    'zh-CN': '堆栈 {stack} 有 {count} 项被中断的操作未完成（{list}），正在清除',
    en: 'Stack {stack} holds {count} operation(s) a killed run left unfinished ({list}); clearing them',
  },
  // parameters named in the reader's language ({kind} takes job.kind.*, registered with the trail's names: audit-names.ts)
  'job.op.preview': { 'zh-CN': '预览', en: 'preview' },
  'job.op.up': { 'zh-CN': '部署', en: 'up' },
  'job.op.refresh': { 'zh-CN': '刷新', en: 'refresh' },
  'job.op.create': { 'zh-CN': '创建', en: 'create' },
  'job.op.update': { 'zh-CN': '更新', en: 'update' },
  'job.op.replace': { 'zh-CN': '替换', en: 'replace' },
  'job.op.delete': { 'zh-CN': '删除', en: 'delete' },
  'job.op.same': { 'zh-CN': '核对', en: 'check' },
  'job.op.read': { 'zh-CN': '读取', en: 'read' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;

export type JobLogCode = Extract<keyof typeof JOB_LOG_MESSAGES, `job.log.${string}`>;

/** The code of a line written before lines had codes: its stored text is shown as it is. */
export const LEGACY_LOG_CODE = 'job.log.legacy';
