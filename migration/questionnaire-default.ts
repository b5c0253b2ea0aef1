// The default assessment questionnaire: version 1, seeded on first start (prisma/seed/questionnaire.ts) like the
// catalog, not by the migration, so that a backup restored into a freshly migrated database brings its own versions.
// The sub-center publishes later versions through POST /api/migration/questionnaire.
import type { QuestionnaireDefinition } from './questionnaire-definition.js';

export const DEFAULT_QUESTIONNAIRE: QuestionnaireDefinition = {
  questions: [
    {
      id: 'interfaces',
      prompt: '与其他系统的接口（数据交换、调用）有多少个？',
      promptEn: 'How many interfaces (data exchange, calls) does it have with other systems?',
      kind: 'single',
      options: [
        { id: 'none', label: '无', labelEn: 'None', riskPoints: 0, votes: [{ strategy: 'REHOST', weight: 2 }], vetoes: [] },
        { id: 'few', label: '1–5 个', labelEn: '1–5', riskPoints: 10, votes: [{ strategy: 'REHOST', weight: 1 }], vetoes: [] },
        { id: 'several', label: '6–20 个', labelEn: '6–20', riskPoints: 25, votes: [{ strategy: 'REPLATFORM', weight: 1 }], vetoes: [] },
        { id: 'many', label: '20 个以上', labelEn: 'More than 20', riskPoints: 40, votes: [{ strategy: 'REPLATFORM', weight: 1 }, { strategy: 'REFACTOR', weight: 1 }], vetoes: [] },
      ],
    },
    {
      id: 'data-volume',
      prompt: '需要迁移的数据量有多大？',
      promptEn: 'How much data has to be moved?',
      kind: 'single',
      options: [
        { id: 'small', label: '100GB 以下', labelEn: 'Under 100 GB', riskPoints: 0, votes: [{ strategy: 'REHOST', weight: 1 }], vetoes: [] },
        { id: 'medium', label: '100GB–1TB', labelEn: '100 GB–1 TB', riskPoints: 10, votes: [], vetoes: [] },
        { id: 'large', label: '1TB–10TB', labelEn: '1–10 TB', riskPoints: 20, votes: [{ strategy: 'REPLATFORM', weight: 1 }], vetoes: [] },
        { id: 'huge', label: '10TB 以上', labelEn: 'More than 10 TB', riskPoints: 35, votes: [{ strategy: 'REPLATFORM', weight: 2 }], vetoes: [] },
      ],
    },
    {
      id: 'xinchuang',
      prompt: '信创适配情况（国产芯片、操作系统、数据库）如何？',
      promptEn: 'How far is it adapted to domestic chips, operating systems and databases (信创)?',
      kind: 'single',
      options: [
        { id: 'full', label: '已全栈适配国产软硬件', labelEn: 'Runs on a fully domestic stack', riskPoints: 0, votes: [{ strategy: 'REHOST', weight: 2 }], vetoes: [] },
        { id: 'partial', label: '部分适配（如数据库已国产化）', labelEn: 'Partly adapted (e.g. the database is domestic)', riskPoints: 15, votes: [{ strategy: 'REPLATFORM', weight: 2 }], vetoes: [] },
        { id: 'adaptable', label: '未适配，但开发商可以适配', labelEn: 'Not adapted, the vendor can adapt it', riskPoints: 25, votes: [{ strategy: 'REPLATFORM', weight: 1 }, { strategy: 'REFACTOR', weight: 1 }], vetoes: [] },
        { id: 'not-adaptable', label: '未适配，且无法适配', labelEn: 'Not adapted and cannot be', riskPoints: 40, votes: [{ strategy: 'REFACTOR', weight: 2 }, { strategy: 'REPURCHASE', weight: 2 }], vetoes: ['REHOST'] },
      ],
    },
    {
      id: 'downtime',
      prompt: '业务割接时可以接受多长的停机时间？',
      promptEn: 'How much downtime can the service accept at cut-over?',
      kind: 'single',
      options: [
        { id: 'day-or-more', label: '24 小时以上', labelEn: '24 hours or more', riskPoints: 0, votes: [{ strategy: 'REHOST', weight: 1 }], vetoes: [] },
        { id: 'hours', label: '4–24 小时', labelEn: '4–24 hours', riskPoints: 10, votes: [], vetoes: [] },
        { id: 'short', label: '4 小时以内', labelEn: 'Under 4 hours', riskPoints: 25, votes: [{ strategy: 'REPLATFORM', weight: 1 }], vetoes: [] },
        { id: 'none', label: '不能停机', labelEn: 'No downtime at all', riskPoints: 40, votes: [{ strategy: 'REFACTOR', weight: 1 }], vetoes: [] },
      ],
    },
    {
      id: 'mlps',
      prompt: '网络安全等级保护（等保）定级是几级？',
      promptEn: 'What is its cybersecurity protection level (等保)?',
      kind: 'single',
      options: [
        { id: 'none-or-1', label: '未定级或一级', labelEn: 'Not graded, or level 1', riskPoints: 0, votes: [], vetoes: [] },
        { id: 'level-2', label: '二级', labelEn: 'Level 2', riskPoints: 10, votes: [], vetoes: [] },
        { id: 'level-3', label: '三级', labelEn: 'Level 3', riskPoints: 25, votes: [], vetoes: [] },
        { id: 'level-4', label: '四级', labelEn: 'Level 4', riskPoints: 40, votes: [], vetoes: [] },
      ],
    },
    {
      id: 'stack-age',
      prompt: '系统的技术架构建成多少年？',
      promptEn: 'How old is its technical stack?',
      kind: 'single',
      options: [
        { id: 'recent', label: '5 年以内', labelEn: 'Under 5 years', riskPoints: 0, votes: [{ strategy: 'REHOST', weight: 1 }], vetoes: [] },
        { id: 'mid', label: '5–10 年', labelEn: '5–10 years', riskPoints: 10, votes: [{ strategy: 'REPLATFORM', weight: 1 }], vetoes: [] },
        { id: 'old', label: '10 年以上', labelEn: 'More than 10 years', riskPoints: 25, votes: [{ strategy: 'REFACTOR', weight: 1 }, { strategy: 'REPURCHASE', weight: 1 }], vetoes: [] },
      ],
    },
    {
      id: 'vendor',
      prompt: '原开发商是否仍提供技术支持？',
      promptEn: 'Does the original vendor still support it?',
      kind: 'single',
      options: [
        { id: 'with-source', label: '仍支持，且有源代码', labelEn: 'Yes, and the source code is available', riskPoints: 0, votes: [{ strategy: 'REHOST', weight: 1 }], vetoes: [] },
        { id: 'no-source', label: '仍支持，但无源代码', labelEn: 'Yes, but without the source code', riskPoints: 10, votes: [{ strategy: 'REPLATFORM', weight: 1 }], vetoes: [] },
        { id: 'unsupported', label: '已不再支持', labelEn: 'No longer supported', riskPoints: 30, votes: [{ strategy: 'REPURCHASE', weight: 2 }], vetoes: ['REHOST'] },
      ],
    },
    {
      id: 'business',
      prompt: '该业务今后是否仍需要本系统？',
      promptEn: 'Will the service still need this system?',
      kind: 'single',
      options: [
        { id: 'needed', label: '仍需要', labelEn: 'Yes', riskPoints: 0, votes: [], vetoes: ['RETIRE'] },
        { id: 'replaced', label: '将由上级或其他统建系统替代', labelEn: 'It will be replaced by a provincial or shared system', riskPoints: 0, votes: [{ strategy: 'REPURCHASE', weight: 3 }], vetoes: [] },
        { id: 'obsolete', label: '已很少使用，可以下线', labelEn: 'Rarely used, it can be switched off', riskPoints: 0, votes: [{ strategy: 'RETIRE', weight: 10 }], vetoes: [] },
      ],
    },
  ],
  riskThresholds: { medium: 60, high: 120 },
  defaultStrategy: 'REHOST',
};
