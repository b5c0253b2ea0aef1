// The names offices give the register's columns, besides the template's own (migration/columns.ts): one list per
// column key. Matching ignores spaces, asterisks, case and full-width forms; a unit in brackets after an amount's
// name (年运维费用（万元）) is read apart (migration/amounts.ts), so the names here carry no amount unit.

export const HEADER_SYNONYMS: Record<string, string[]> = {
  name: ['信息系统名称', '系统全称', '应用系统名称', '业务系统名称', '系统（平台）名称', '平台名称', 'Name', 'System'],
  purpose: ['主要功能', '系统功能', '系统用途', '功能描述', '主要用途', '业务功能', '系统简介', '建设内容及用途', 'Purpose'],
  hosting: ['部署方式', '部署情况', '现部署方式', '现有部署方式', '部署模式', '承载方式', '当前部署', 'Hosting'],
  location: ['部署地点', '机房位置', '部署地址', '所在机房', '部署机房', 'Location'],
  mlpsLevel: ['等保等级', '等级保护级别', '等保定级', '安全保护等级', '网络安全等级保护级别', '等级保护定级', '等保级别（定级）', 'MLPS'],
  mlpsFilingNo: ['备案编号', '等保备案编号', '备案号', '等保备案证明编号'],
  classified: ['涉密', '涉密情况', '是否涉及国家秘密', '是否为涉密系统', 'Classified system'],
  os: ['OS', '操作系统及版本', '操作系统版本'],
  database: ['数据库类型', '数据库及版本', '数据库版本', 'DB'],
  middleware: ['中间件及版本', '中间件类型'],
  xinchuang: ['信创适配', '是否信创', '信创情况', '信创改造情况', '国产化适配情况', 'Xinchuang'],
  dataVolumeGb: ['数据量', '数据量（G）', '数据量（GB)', '存储量（GB）', '数据规模（GB）', '数据存储量（GB）', '存储容量（GB）', 'Data volume'],
  userCount: ['用户数量', '使用人数', '用户规模', '用户总数', '注册用户数', 'Users count'],
  dependencies: ['关联系统', '依赖的系统', '上下游系统', '对接系统', '关联业务系统', 'Dependencies'],
  contactNames: ['系统联系人', '负责人', '联系人姓名', '系统负责人', '技术联系人', 'Contact'],
  contactPhones: ['联系方式', '手机号码', '电话', '联系电话（手机）', '手机', 'Phone'],
  contactEmails: ['电子邮箱', '邮箱', 'E-mail', 'Email'],
  annualOmCost: ['年运维费用', '运维费用', '年度运维费用', '年运维经费', '年运维费', '每年运维费用', '运维经费', '金额', 'Annual O&M cost'],
  launchedOn: ['上线时间', '投入使用时间', '投入使用日期', '建成时间', '投运时间', '启用日期', '启用时间', '上线运行时间', '建成上线时间', 'Launched', 'Go-live date'],
};


/** Columns offices add that the register does not keep, passed over without a problem (the preview lists them). */
export const IGNORED_HEADERS = ['序号', '序', 'No.', 'No', '#'];
