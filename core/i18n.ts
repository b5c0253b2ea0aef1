// Messages shown to people, zh-CN first with English available. Keys are the stable error/message codes.
export type Locale = 'zh-CN' | 'en';

type Params = Record<string, string | number>;

const messages: Record<string, { 'zh-CN': string; en: string }> = {
  NOT_FOUND: { 'zh-CN': '未找到{what}', en: '{what} not found' },
  ROUTE_NOT_FOUND: { 'zh-CN': '接口不存在：{method} {path}', en: 'No such endpoint: {method} {path}' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Sign-in required' },
  SESSION_EXPIRED: { 'zh-CN': '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  FORBIDDEN: { 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  FORBIDDEN_FIELD: { 'zh-CN': '无权修改字段：{fields}', en: 'You may not change: {fields}' },
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  SIGNIN_THROTTLED: {
    'zh-CN': '登录失败次数过多，请 {seconds} 秒后再试',
    en: 'Too many failed sign-ins; try again in {seconds} seconds',
  },
  ACCOUNT_DISABLED: { 'zh-CN': '账号已停用', en: 'This account is disabled' },
  PASSWORD_SIGNIN_DISABLED: { 'zh-CN': '本账号须通过统一身份认证登录', en: 'This account signs in through single sign-on' },
  // single sign-on (accounts/oidc.ts)
  OIDC_NOT_CONFIGURED: { 'zh-CN': '未启用统一身份认证登录', en: 'Single sign-on is not configured' },
  OIDC_UNAVAILABLE: { 'zh-CN': '统一身份认证平台暂时无法访问，请稍后重试或使用账号密码登录', en: 'The identity platform cannot be reached; try again later or sign in with a password' },
  OIDC_STATE_INVALID: { 'zh-CN': '登录请求已失效或不是由本浏览器发起，请重新登录', en: 'This sign-in has expired or was not started in this browser; please sign in again' },
  OIDC_PROVIDER_ERROR: { 'zh-CN': '统一身份认证平台未完成登录（{error}），请重新登录', en: 'The identity platform did not complete the sign-in ({error}); please sign in again' },
  OIDC_EXCHANGE_FAILED: { 'zh-CN': '无法验证统一身份认证平台的登录结果，请重新登录', en: "The identity platform's answer could not be verified; please sign in again" },
  OIDC_CLAIM_MISSING: { 'zh-CN': '统一身份认证平台未提供用户标识（{claim}），请联系系统管理员', en: 'The identity platform did not name the user ({claim}); contact the system administrator' },
  OIDC_UNKNOWN_USER: { 'zh-CN': '统一身份认证账号「{name}」在本平台没有对应的账号，请联系系统管理员开通', en: 'The identity platform account "{name}" has no account here; ask the system administrator to create one' },
  OIDC_ORG_MISMATCH: { 'zh-CN': '统一身份认证平台登记的单位与本平台账号所属单位不一致，请联系系统管理员', en: "The organisation the identity platform names is not this account's; contact the system administrator" },
  OIDC_TICKET_INVALID: { 'zh-CN': '登录凭据已失效，请重新登录', en: 'This sign-in ticket is no longer valid; please sign in again' },
  WEAK_PASSWORD: { 'zh-CN': '密码不符合安全策略：{reason}', en: 'The password does not meet the policy: {reason}' },
  'field.weak_password': { 'zh-CN': '密码不符合安全策略：{reason}', en: 'The password does not meet the policy: {reason}' },
  VALIDATION_FAILED: { 'zh-CN': '请求内容有误', en: 'The request is not valid' },
  MALFORMED_JSON: { 'zh-CN': '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  ARCHIVE_TOO_LARGE: { 'zh-CN': '压缩文件解压后过大（上限 {maxMiB} MiB）', en: 'The archive inflates to more than {maxMiB} MiB' },
  ARCHIVE_SUSPICIOUS: { 'zh-CN': '压缩文件结构可疑，已拒绝', en: 'The archive’s structure is suspicious; it was refused' },
  'archive.too_large': { 'zh-CN': '解压后超过 {maxMiB} MiB', en: 'inflates to more than {maxMiB} MiB' },
  'archive.ratio': { 'zh-CN': '压缩比超过 {maxRatio} 倍', en: 'compressed more than {maxRatio} times' },
  'archive.too_many_entries': { 'zh-CN': '包含的文件超过 {maxEntries} 个', en: 'holds more than {maxEntries} files' },
  'archive.nested': { 'zh-CN': '压缩文件嵌套超过 {maxDepth} 层', en: 'archives nested more than {maxDepth} deep' },
  'archive.unreadable': { 'zh-CN': '压缩文件无法读取', en: 'the archive cannot be read' },
  'archive.malformed': { 'zh-CN': '压缩文件已损坏或格式不正确', en: 'the archive is damaged or malformed' },
  IMPORT_BUSY: { 'zh-CN': '您已有 {max} 个导入正在进行，请 {seconds} 秒后再试', en: 'You already have {max} imports running; try again in {seconds} seconds' },
  SERVICE_BUSY: { 'zh-CN': '系统繁忙，本次操作未执行，请 {seconds} 秒后重试', en: 'The server is busy and did nothing with this request; try again in {seconds} seconds' },
  INVALID_UTF8: { 'zh-CN': '请求体不是合法的 UTF-8 编码', en: 'The request body is not valid UTF-8' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '请求体过大（上限 {limit}）', en: 'The request body is too large (limit {limit})' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '仅支持 application/json 请求体', en: 'Only application/json bodies are accepted' },
  CONFLICT: { 'zh-CN': '操作冲突：{reason}', en: 'Conflict: {reason}' },
  ALREADY_EXISTS: { 'zh-CN': '{what}已存在', en: '{what} already exists' },
  // an organisation's short name and aliases (accounts/org-aliases.ts)
  ORG_NAME_TAKEN: { 'zh-CN': '名称「{name}」已指向{org}，不能再用于本单位', en: 'The name "{name}" already stands for {org}' },
  ORG_ALIAS_EXISTS: { 'zh-CN': '别名「{name}」已登记', en: 'The alias "{name}" is already recorded' },
  'field.org_name_taken': { 'zh-CN': '已指向{org}', en: 'Already stands for {org}' },
  'field.org_alias_exists': { 'zh-CN': '该别名已登记', en: 'This alias is already recorded' },
  'field.org_name_empty': { 'zh-CN': '去掉空格和标点后为空', en: 'Nothing is left once spaces and punctuation are removed' },
  PRECONDITION_REQUIRED: {
    'zh-CN': '请在 If-Match 请求头中提供版本号（ETag）',
    en: 'Send the version (ETag) you read in an If-Match header',
  },
  STALE_VERSION: {
    'zh-CN': '数据已被他人修改，请刷新后重试',
    en: 'Someone else changed this in the meantime; reload and try again',
  },
  INVALID_TRANSITION: {
    'zh-CN': '当前状态「{from}」不能执行「{action}」（{article}）',
    en: 'Cannot {action} while the state is {from}',
  },
  RULE_VIOLATION: { 'zh-CN': '不符合业务规则', en: 'Business rules are not met' },
  MALFORMED_UPLOAD: { 'zh-CN': '上传内容格式有误，请以 multipart/form-data 上传一个文件（字段 file）', en: 'Malformed upload: send one file as multipart/form-data (field file)' },
  CALENDAR_NOT_COVERED: { 'zh-CN': '日期 {date} 超出节假日日历的范围（{from} 至 {to}）', en: 'The date {date} is outside the holiday calendar ({from} to {to})' },
  UNSUPPORTED_FILE_TYPE: { 'zh-CN': '不支持的文件类型（{detected}），请上传 PDF、Word(docx)、Excel(xlsx)、OFD 或图片', en: 'Unsupported file type ({detected}); upload PDF, docx, xlsx, OFD or an image' },
  INTERNAL: { 'zh-CN': '服务器内部错误，请稍后重试（请求号 {requestId}）', en: 'Internal error; please retry (request {requestId})' },
  // field-level zod issue codes
  'field.required': { 'zh-CN': '必填', en: 'Required' },
  'field.unknown': { 'zh-CN': '不允许的字段', en: 'Unknown field' },
  'field.invalid_type': { 'zh-CN': '类型错误，应为 {expected}', en: 'Wrong type, expected {expected}' },
  'field.too_small': { 'zh-CN': '过短或过小（最小 {minimum}）', en: 'Too small (minimum {minimum})' },
  'field.too_big': { 'zh-CN': '过长或过大（最大 {maximum}）', en: 'Too big (maximum {maximum})' },
  'field.too_small_exclusive': { 'zh-CN': '必须大于 {minimum}', en: 'Must be greater than {minimum}' },
  'field.too_big_exclusive': { 'zh-CN': '必须小于 {maximum}', en: 'Must be less than {maximum}' },
  'field.invalid_characters': { 'zh-CN': '包含不允许的字符', en: 'Contains characters that are not allowed' },
  FORBIDDEN_FIELD_ITEM: { 'zh-CN': '无权修改此字段', en: 'You may not change this field' },
  BAD_REQUEST: { 'zh-CN': '请求格式有误', en: 'The request is malformed' },
  REVISION_STILL_OPEN: { 'zh-CN': '目录版本 {number} 尚未发布或放弃，不能再起草新版本', en: 'Revision {number} is still open; finish or discard it first' },
  PUBLISHED_ITEM_RETIRE_ONLY: { 'zh-CN': '已发布的服务项或规格不能删除，只能下架（status: RETIRED）', en: 'Published items cannot be deleted, only retired (status: RETIRED)' },
  NO_ACTIVE_PLAN: { 'zh-CN': '目录中没有在售规格，不能提交', en: 'The revision has no active plan' },
  ALREADY_REVIEWED: { 'zh-CN': '{body} 已审核本轮提交', en: '{body} has already reviewed this submission' },
  // dates that make sense (core/calendar/date-order.ts names the dates and events)
  DATE_IN_FUTURE: { 'zh-CN': '{field} {date} 晚于今天（{eventDate}），不能填写将来的日期', en: 'The {field} {date} is after today ({eventDate}): a date still to come cannot be entered' },
  DATE_BEFORE_EVENT: { 'zh-CN': '{field} {date} 早于{event} {eventDate}', en: 'The {field} {date} is before the {event} {eventDate}' },
  NOTICE_NOT_ENDED: { 'zh-CN': '公示期至 {endDate} 结束，结束后方可立项', en: 'The public notice runs until {endDate}; establish the project after it ends' },
  OBJECTIONS_OPEN: { 'zh-CN': '尚有 {count} 条异议未处理', en: '{count} objection(s) are not yet resolved' },
  NOTICE_ENDED: { 'zh-CN': '公示期已于 {endDate} 结束', en: 'The public notice ended on {endDate}' },
  PROJECT_NOT_ESTABLISHED: { 'zh-CN': '项目尚未立项（当前状态 {status}），不能申请云资源', en: 'The project is not established (state {status}); it cannot draw resources yet' },
  FILE_CONTENT_MISSING: { 'zh-CN': '文件内容不在文件存储中，请联系运维人员从备份恢复或重新上传', en: 'The file\'s content is not in the file store; ask an operator to restore it from a backup, or upload it again' },
  FILE_CONTENT_CORRUPT: { 'zh-CN': '文件内容与其校验值不符（SHA-256 {sha256}），可能已被篡改，已拒绝下载；请联系运维人员', en: 'The file\'s content does not match its checksum (SHA-256 {sha256}): it may have been tampered with, so it is not sent; tell an operator' },
  STACK_BUSY: { 'zh-CN': '该租户已有正在进行的操作（任务 {jobId}），请稍后再试', en: 'Another operation is running on this tenant (job {jobId}); try again when it ends' },
  IDEMPOTENCY_KEY_REUSED: { 'zh-CN': '请求头 Idempotency-Key 已用于另一个请求（{method} {path}，或内容不同）；新的请求请使用新的 Idempotency-Key', en: 'The Idempotency-Key header was already used for another request ({method} {path}, or a different body); send a new Idempotency-Key with a new request' },
  IDEMPOTENCY_KEY_IN_FLIGHT: { 'zh-CN': '使用同一 Idempotency-Key 请求头的前一个请求仍在处理中，请 {seconds} 秒后重试', en: 'The first request with this Idempotency-Key header is still being handled; retry in {seconds} seconds' },
  CONFIRMATION_REQUIRED: { 'zh-CN': '该操作将删除数据，请输入申请编号 {code} 确认', en: 'This deletes data; confirm by sending the request code {code}' },
  NO_CLUSTER: { 'zh-CN': '未配置目标集群（当前为渲染模式），无法读取凭据', en: 'No target cluster is configured (render mode); credentials cannot be read' },
  ALREADY_REVEALED: { 'zh-CN': '凭据已于 {at} 查看过一次，如需再次获取请联系运维人员重置', en: 'The credentials were revealed once already ({at}); ask an operator to rotate them' },
  DRIVER_UNAVAILABLE: { 'zh-CN': '部署工具不可用：{reason}', en: 'The provisioning tool is unavailable: {reason}' },
  // the legacy system register and its migration (Art. 5, 30, 33)
  SYSTEM_NAME_TAKEN: { 'zh-CN': '本单位已登记名为「{name}」的系统', en: 'Your organisation has already registered a system named "{name}"' },
  NOT_ASSESSED: { 'zh-CN': '该系统尚未评估，请先执行迁移评估', en: 'The system has not been assessed yet; assess it first' },
  IMPORT_FILE_TYPE: { 'zh-CN': '请上传 XLSX 或 CSV 文件（旧版 .xls 请另存为 .xlsx）', en: 'Upload an XLSX or CSV file (save an old .xls as .xlsx)' },
  IMPORT_TOO_MANY_ROWS: { 'zh-CN': '一次最多导入 {max} 个系统，请拆分文件', en: 'At most {max} systems per import; split the file' },
  IMPORT_UNREADABLE: { 'zh-CN': '无法读取该文件，文件可能已损坏', en: 'The file cannot be read; it may be damaged' },
  'import.file_type': { 'zh-CN': '文件类型不支持', en: 'Unsupported file type' },
  'import.unreadable': { 'zh-CN': '文件无法读取', en: 'The file cannot be read' },
  'import.at_cell': { 'zh-CN': '第{row}行「{column}」：', en: 'Row {row}, column "{column}": ' },
  'import.at_row': { 'zh-CN': '第{row}行：', en: 'Row {row}: ' },
  'import.header_unknown': { 'zh-CN': '无法识别的列名「{header}」，请使用模板中的列名', en: 'Unknown column "{header}"; use the template’s column names' },
  'import.header_duplicate': { 'zh-CN': '列名「{header}」重复', en: 'Column "{header}" appears twice' },
  'import.header_missing': { 'zh-CN': '缺少必填列，请使用下载的模板', en: 'This required column is missing; use the downloadable template' },
  'import.no_rows': { 'zh-CN': '文件中没有可导入的系统', en: 'The file holds no system to import' },
  'import.too_many_rows': { 'zh-CN': '一次最多导入 {max} 个系统，请拆分文件', en: 'At most {max} systems per import; split the file' },
  'import.invalid_choice': { 'zh-CN': '「{value}」不是可选值，可选：{allowed}', en: '"{value}" is not allowed; choose one of: {allowed}' },
  'import.not_a_number': { 'zh-CN': '「{value}」不是数字', en: '"{value}" is not a number' },
  'import.not_an_integer': { 'zh-CN': '「{value}」不是整数', en: '"{value}" is not a whole number' },
  'import.not_a_date': { 'zh-CN': '「{value}」不是日期，请填写如 2021-03-05、2021年3月5日 或 2021/3/5', en: '"{value}" is not a date; write e.g. 2021-03-05, 2021年3月5日 or 2021/3/5' },
  'import.amount_too_precise': { 'zh-CN': '「{value}」精确到分以下，请核对金额单位（元/万元）', en: '"{value}" is finer than 0.01 CNY; check the unit (元 or 万元)' },
  'import.unknown_org': { 'zh-CN': '无法识别单位「{value}」{suggestions}', en: 'Unknown organisation "{value}"{suggestions}' },
  'import.unknown_org_suggestions': { 'zh-CN': '，是否为：{names}？', en: '; did you mean: {names}?' },
  'import.ambiguous_org': { 'zh-CN': '单位「{value}」可指多个单位（{names}），请填写全称', en: '"{value}" may stand for several organisations ({names}); write the full name' },
  'import.org_required': { 'zh-CN': '全市汇总导入须填写所属单位', en: 'A city-wide import needs the organisation on every row' },
  'import.org_column_required': { 'zh-CN': '全市汇总导入须有「所属单位」列', en: 'A city-wide import needs the organisation column' },
  'import.not_own_org': { 'zh-CN': '只能登记本单位（{org}）的系统', en: 'You can register systems of your own organisation ({org}) only' },
  'import.contacts_mismatch': { 'zh-CN': '联系人有 {names} 位，联系电话（或邮箱）的个数与之不符', en: '{names} contact(s), but a different number of phones (or e-mails)' },
  'import.duplicate_in_file': { 'zh-CN': '系统「{name}」在文件中重复（首次出现于第{first}行）', en: 'System "{name}" appears twice in the file (first on row {first})' },
  'import.duplicate_existing': { 'zh-CN': '本单位已登记名为「{name}」的系统', en: 'Your organisation has already registered "{name}"' },
  'import.more_problems': { 'zh-CN': '另有 {count} 处问题未逐条列出', en: '{count} more problem(s) not listed' },
  'migration.wave_dates': { 'zh-CN': '结束日期不能早于开始日期 {startDate}', en: 'The end date cannot be before the start date {startDate}' },
  'migration.CLASSIFIED_EXEMPT': { 'zh-CN': '涉密系统不纳入迁移，迁移策略只能为「保留（豁免）」', en: 'A classified system is exempt: its strategy can only be retain-exempt' },
  'migration.NOT_IN_CATALOG': { 'zh-CN': '{plan} 不是现行服务目录（第{revision}版）中的在售规格', en: '{plan} is not an active plan of the published catalog (revision {revision})' },
  'migration.NO_TARGET_PLAN': { 'zh-CN': '迁移上云的系统须选择至少一个目标服务规格', en: 'A system that moves onto the city cloud needs at least one target plan' },
  'migration.TARGET_NOT_EXPECTED': { 'zh-CN': '下线或保留（豁免）的系统不需要目标服务规格', en: 'A retired or exempt system takes no target plans' },
  'migration.REPURCHASE_NEEDS_SAAS': { 'zh-CN': '改用目录服务须选择服务目录中的应用服务（SaaS）规格', en: 'Repurchase needs a SaaS plan of the catalog' },
  'migration.EXEMPT_NOT_PLANNED': { 'zh-CN': '涉密或保留（豁免）的系统不纳入迁移批次', en: 'A classified or exempt system is not planned into a wave' },
  'migration.PROJECT_NOT_OWNERS': { 'zh-CN': '项目 {project} 不属于该系统的单位，也不由其共建', en: 'Project {project} is neither of the system’s organisation nor co-built by it' },
  'migration.NOT_PROVISIONED': { 'zh-CN': '云资源申请 {id} 不是项目 {project} 已开通的申请', en: 'Resource request {id} is not a provisioned request of project {project}' },
  'migration.NO_PROVISIONED_RESOURCES': { 'zh-CN': '项目 {project} 尚无已开通的云资源，无法确认系统已在政务云上运行', en: 'Project {project} has no provisioned resources: the system cannot be running on the city cloud' },
  'migration.DECOMMISSION_NOT_MIGRATED': { 'zh-CN': '只有已上云的系统，或迁移策略为「下线」的系统，才能下线原系统', en: 'Only a migrated system, or one whose strategy is retire, can be decommissioned' },
  OUTSIDE_JURISDICTION: { 'zh-CN': '该项目属于其他辖区，由该辖区的审批服务管理局和财政局办理（第三十九条）', en: 'This project belongs to another jurisdiction: its own bureaus decide it (Art. 39)' },
  UNKNOWN_JURISDICTION: { 'zh-CN': '辖区「{value}」不存在：应为市本级（CITY）或一个县（市、区）的单位代码', en: 'No jurisdiction {value}: use CITY or the code of a county' },
  COUNTY_OWN_JURISDICTION: { 'zh-CN': '县（市、区）单位属于其自身辖区，不能设为「{value}」', en: 'A county belongs to its own jurisdiction, not {value}' },
  JURISDICTION_HAS_RECORDS: { 'zh-CN': '该县（市、区）辖区内还有 {count} 个单位，不能更改其类型', en: '{count} organisations belong to this county: its kind cannot change' },
  PASSWORD_REUSED: { 'zh-CN': '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  'policy.length': { 'zh-CN': '长度至少 {min} 位', en: 'at least {min} characters' },
  'policy.maxLength': { 'zh-CN': '长度不超过 {max} 位', en: 'at most {max} characters' },
  'policy.classes': { 'zh-CN': '需包含大写字母、小写字母、数字、符号中的至少三类', en: 'use three of: upper case, lower case, digits, symbols' },
  'policy.username': { 'zh-CN': '不能包含用户名', en: 'must not contain the username' },
  'field.invalid_value': { 'zh-CN': '取值不在允许范围内', en: 'Not an allowed value' },
  'field.invalid_format': { 'zh-CN': '格式不正确', en: 'Wrong format' },
  'field.invalid': { 'zh-CN': '取值无效', en: 'Invalid value' },
  FILING_KIND_NOT_ALLOWED: { 'zh-CN': '当前状态「{state}」不受理「{kind}」（{article}）', en: 'A {kind} filing is not taken while the state is {state}' },
  // cloud resource requests (Art. 28) and completion acceptance (Art. 17, 19)
  'request.NOT_IN_CATALOG': { 'zh-CN': '{plan} 不是现行服务目录中的在售规格', en: '{plan} is not an active plan of the published catalog' },
  'request.EXCEEDS_ENTITLEMENT': { 'zh-CN': '{plan}：申请 {requested}，立项批复剩余可用 {left}', en: '{plan}: {requested} requested, {left} left of the approved entitlement' },
  'acceptance.ACCEPTANCE_NO_DATA_SHARING': { 'zh-CN': '不予验收备案：未与市政务数据共享交换平台对接', en: 'Acceptance refused: not connected to the data sharing and exchange platform' },
  'acceptance.ACCEPTANCE_NO_RESOURCES': { 'zh-CN': '不予验收备案：未按目录提供信息资源', en: 'Acceptance refused: information resources not provided' },
  'acceptance.ACCEPTANCE_NOT_ON_CLOUD': { 'zh-CN': '不予验收备案：系统未部署在市级政务云', en: 'Acceptance refused: not running on the municipal government cloud' },
  'acceptance.ACCEPTANCE_NOT_SECURE_CONTROLLABLE': { 'zh-CN': '不予验收备案：未完成软硬件产品安全可控情况检查', en: 'Acceptance refused: secure-and-controllable products not checked' },
  // exports and the names of downloaded files
  'export.yes': { 'zh-CN': '是', en: 'Yes' },
  'export.no': { 'zh-CN': '否', en: 'No' },
  'export.offering.ACTIVE': { 'zh-CN': '在售', en: 'Active' },
  'export.offering.RETIRED': { 'zh-CN': '已下架', en: 'Retired' },
  'export.catalogSheet': { 'zh-CN': '服务目录第{number}版', en: 'Catalog revision {number}' },
  'export.hints.column': { 'zh-CN': '列名', en: 'Column' },
  'export.hints.required': { 'zh-CN': '是否必填', en: 'Required' },
  'export.hints.allowed': { 'zh-CN': '可选值', en: 'Allowed values' },
  'export.hints.notes': { 'zh-CN': '说明', en: 'Notes' },
  'export.hints.requiredMark': { 'zh-CN': '必填', en: 'yes' },
  'export.accepted.value': { 'zh-CN': '取值', en: 'Value' },
  'export.accepted.spellings': { 'zh-CN': '可接受的写法', en: 'Accepted spellings' },
  'export.accepted.amounts': { 'zh-CN': '金额单位', en: 'Amount unit' },
  'export.accepted.amountsHow': { 'zh-CN': '默认为元；列名带“（万元）”（如 年运维费用（万元）、金额(万元)）、表头上下注明“单位：万元”，或单元格写作“12.5万”时按万元读取并换算为元', en: 'CNY (元) by default; read as 10,000 CNY (万元) and converted when the header says （万元） (年运维费用（万元）, 金额(万元)), a line near the header says 单位：万元, or the cell says 12.5万' },
  'export.accepted.dates': { 'zh-CN': '日期', en: 'Date' },
  'export.accepted.datesHow': { 'zh-CN': 'Excel 日期单元格、2021-03-05、2021年3月5日、2021年3月（按当月1日）、2021.3.5、2021/3/5、20210305', en: 'Excel date cells, 2021-03-05, 2021年3月5日, 2021年3月 (the 1st), 2021.3.5, 2021/3/5, 20210305' },
  'file.catalog': { 'zh-CN': '政务云服务目录-第{number}版', en: 'catalog-revision-{number}' },
  'file.registerTemplate': { 'zh-CN': '政务信息系统目录登记模板', en: 'system-register-template' },
  'file.register': { 'zh-CN': '政务信息系统目录', en: 'system-register' },
  'file.audit': { 'zh-CN': '审计记录', en: 'audit-trail' },
  'word.unnamed': { 'zh-CN': '未命名', en: 'unnamed' },
  // domain words used in {what}
  'what.revision': { 'zh-CN': '目录版本', en: 'catalog revision' },
  'what.offering': { 'zh-CN': '服务项', en: 'offering' },
  'what.plan': { 'zh-CN': '服务规格', en: 'plan' },
  'what.user': { 'zh-CN': '用户', en: 'user' },
  'what.organisation': { 'zh-CN': '组织机构', en: 'organisation' },
  'what.username': { 'zh-CN': '用户名', en: 'username' },
  'what.orgCode': { 'zh-CN': '机构代码', en: 'organisation code' },
  'what.alias': { 'zh-CN': '单位别名', en: 'organisation alias' },
  'what.project': { 'zh-CN': '项目', en: 'project' },
  'what.line': { 'zh-CN': '资源申请行', en: 'resource line' },
  'what.document': { 'zh-CN': '文件', en: 'document' },
  'what.notice': { 'zh-CN': '公示', en: 'public notice' },
  'what.objection': { 'zh-CN': '异议', en: 'objection' },
  'what.deadline': { 'zh-CN': '期限', en: 'deadline' },
  'what.resourceRequest': { 'zh-CN': '云资源申请', en: 'resource request' },
  'what.job': { 'zh-CN': '任务', en: 'job' },
  'what.resource': { 'zh-CN': '资源', en: 'resource' },
  'what.migrationSystem': { 'zh-CN': '信息系统', en: 'system' },
  'what.migrationWave': { 'zh-CN': '迁移批次', en: 'migration wave' },
};

/** Adds messages kept elsewhere (the names of states and actions, declared with their state machines). */
export function registerMessages(entries: Record<string, { 'zh-CN': string; en: string }>): void {
  Object.assign(messages, entries);
}

export function hasMessage(key: string): boolean {
  return key in messages;
}

export function t(key: string, locale: Locale, params: Params = {}): string {
  const entry = messages[key];
  const template = entry ? entry[locale] : key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) return `{${name}}`;
    if (typeof v === 'string' && name === 'what' && hasMessage(`what.${v}`)) return t(`what.${v}`, locale);
    if (typeof v === 'string' && name === 'reason' && hasMessage(v)) return t(v, locale, params);
    // a state or an action given by its key is named in the reader's language
    if (typeof v === 'string' && /^(state|action|filing|date|role|orgKind)\./.test(v) && hasMessage(v)) return t(v, locale);
    return String(v);
  });
}

/** Items listed in a sentence: 甲、乙、丙 / a, b, c. */
export function listOf(items: readonly (string | number)[], locale: Locale): string {
  return items.join(locale === 'en' ? ', ' : '、');
}

/** A name kept in both languages (the catalog's offerings and plans): the English one when read in English and given. */
export function nameIn(locale: Locale, name: string, nameEn?: string | null): string {
  return locale === 'en' ? (nameEn ?? name) : name;
}

/** zh-CN unless the client prefers English. */
export function pickLocale(acceptLanguage: string | undefined, explicit?: string): Locale {
  const pref = (explicit ?? acceptLanguage ?? '').toLowerCase();
  if (!pref) return 'zh-CN';
  const first = pref.split(',')[0]?.trim() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
