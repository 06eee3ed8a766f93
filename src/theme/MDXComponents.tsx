/** Components every .mdx document may use without an import: exactly the registry in plugins/lint/components.ts (typed, so they cannot drift). */
import type React from 'react';
import type { ComponentName } from '@site/plugins/lint/components';
import MDXComponents from '@theme-original/MDXComponents';
import { ExerciseInjects, ExerciseLink, ExerciseRoles, ExpectedDecisions } from '@site/src/components/Exercise';
import { AdoptionChecklist, ContactFact, DueAt, EscalationStep } from '@site/src/components/Contacts';
import { EscalationTimeline, EscalationTriggers } from '@site/src/components/Escalation';
import { OnCallNow, OnCallSchedule } from '@site/src/components/OnCall';
import { RoleField, RoleList, ServiceCatalogue, TeamDirectory } from '@site/src/components/Roles';
import { RunbookIndex } from '@site/src/components/Runbooks';
import { AlertRouting, IncidentTypes, PostmortemRules, SeverityBadge, SeverityFact, SeverityMatrix, UpdateCadenceTable } from '@site/src/components/Severity';
import { CommTemplate } from '@site/src/components/Templates';
import { Quiz, TrainingProgress } from '@site/src/components/Training';
import { TrainingRequirements } from '@site/src/components/TrainingRecords';

export const handbookComponents: Record<ComponentName, React.ComponentType<never>> = {
  AdoptionChecklist,
  AlertRouting,
  CommTemplate,
  ContactFact,
  DueAt,
  EscalationStep,
  EscalationTimeline,
  EscalationTriggers,
  ExerciseInjects,
  ExerciseLink,
  ExerciseRoles,
  ExpectedDecisions,
  IncidentTypes,
  OnCallNow,
  OnCallSchedule,
  PostmortemRules,
  Quiz,
  RoleField,
  RoleList,
  RunbookIndex,
  ServiceCatalogue,
  SeverityBadge,
  SeverityFact,
  SeverityMatrix,
  TeamDirectory,
  TrainingProgress,
  TrainingRequirements,
  UpdateCadenceTable,
};

export default { ...MDXComponents, ...handbookComponents };
