// Every state machine of the product, for the generated docs and the tests that walk them.
import { REVISION_MACHINE } from '../../catalog/revision-workflow.js';
import { MIGRATION_MACHINE } from '../../migration/workflow.js';
import { PROJECT_MACHINE } from '../../projects/workflow.js';
import { SPOT_CHECK_MACHINE } from '../../evaluations/spot-check-workflow.js';
import { COUNTY_ASSESSMENT_MACHINE, ORG_ASSESSMENT_MACHINE } from '../../assessments/workflow.js';
import { JOB_MACHINE } from '../../provisioners/job-workflow.js';
import { REQUEST_MACHINE } from '../../provisioners/request-workflow.js';
import { SECURITY_MACHINE } from '../../security/workflow.js';
import { CAMPAIGN_MACHINE, RESPONSE_MACHINE } from '../../survey/workflow.js';
import type { MachineTable } from './machine.js';

export const MACHINES = [PROJECT_MACHINE, REVISION_MACHINE, REQUEST_MACHINE, JOB_MACHINE, MIGRATION_MACHINE, ORG_ASSESSMENT_MACHINE, COUNTY_ASSESSMENT_MACHINE, SECURITY_MACHINE, SPOT_CHECK_MACHINE, CAMPAIGN_MACHINE, RESPONSE_MACHINE] as unknown as MachineTable<string, string>[];
