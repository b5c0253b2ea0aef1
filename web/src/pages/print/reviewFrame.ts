// The frame of a reviewer's record (GIA's review opinion, Finance's budget opinion): numbered by the project, issued
// by the reviewer's organisation on the day of the review, signed by the reviewer and their head, under its seal.
import type { Project, ProjectReview } from '../../api/projects';
import type { Translate } from '../../i18n';
import type { RecordHead, Seal, Signature } from './OfficialRecord';

export const reviewFrame = (p: Project, r: ProjectReview, title: string, t: Translate): { head: RecordHead; signatures: Signature[]; seals: Seal[] } => ({
  head: { title, number: p.code, organisation: r.reviewer.orgName, date: r.at },
  signatures: [{ role: t('print.reviewer'), name: r.reviewer.name }, { role: t('print.head') }],
  seals: [{ org: r.reviewer.orgName, date: r.at }],
});
