/** Every rule, in the order they run. Add a rule: one file here, one docs page, one test table. */
import { builtinRules } from '../ruleset';
import type { RuleInput } from '../types';
import { actionItemsOverdue } from './action-items-overdue';
import { admonitions } from './admonitions';
import { alertRunbook } from './alert-runbook';
import { componentProps } from './component-props';
import { controlCoverage } from './control-coverage';
import { controlRef } from './control-ref';
import { dataConsistency } from './data-consistency';
import { duplicateIncidentId } from './duplicate-incident-id';
import { exerciseRef } from './exercise-ref';
import { freshness } from './freshness';
import { frontmatterSchema } from './frontmatter-schema';
import { headingStructure } from './heading-structure';
import { incidentTimeline } from './incident-timeline';
import { incidentTypeRef } from './incident-type-ref';
import { linkIntegrity } from './link-integrity';
import { mdxSafety } from './mdx-safety';
import { noConflictMarkers } from './no-conflict-markers';
import { noPersonalData } from './no-personal-data';
import { noSecrets } from './no-secrets';
import { noPlaceholders } from './no-placeholders';
import { ownerRef } from './owner-ref';
import { postmortemDue } from './postmortem-due';
import { postmortemReview } from './postmortem-review';
import { postmortemWriting } from './postmortem-writing';
import { proseTargets } from './prose-targets';
import { quizQuality } from './quiz-quality';
import { requiredSections } from './required-sections';
import { roleRef } from './role-ref';
import { serviceRef } from './service-ref';
import { severityRef } from './severity-ref';
import { trainingReadiness } from './training-readiness';

export const rules: readonly RuleInput[] = builtinRules([
  frontmatterSchema,
  requiredSections,
  severityRef,
  roleRef,
  ownerRef,
  serviceRef,
  incidentTypeRef,
  controlRef,
  exerciseRef,
  linkIntegrity,
  freshness,
  noPlaceholders,
  headingStructure,
  noConflictMarkers,
  mdxSafety,
  componentProps,
  admonitions,
  quizQuality,
  proseTargets,
  noSecrets,
  noPersonalData,
  incidentTimeline,
  duplicateIncidentId,
  postmortemDue,
  postmortemReview,
  postmortemWriting,
  actionItemsOverdue,
  dataConsistency,
  alertRunbook,
  controlCoverage,
  trainingReadiness,
]);
