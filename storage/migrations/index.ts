import { InitialSchema1763800000001 } from './001-initial-schema.ts';
import { DirectoryAccessAudit1763800000002 } from './002-directory-access-audit.ts';
import { KnowledgeBase1763800000003 } from './003-knowledge-base.ts';
import { DecisionTree1763800000004 } from './004-decision-tree.ts';
import { KbSearch1763800000005 } from './005-kb-search.ts';
import { KbEvents1763800000006 } from './006-kb-events.ts';
import { Outbox1763800000007 } from './007-outbox.ts';
import { Incidents1763800000008 } from './008-incidents.ts';
import { Maintenance1763800000010 } from './010-maintenance.ts';
import { News1763800000011 } from './011-news.ts';
import { Releases1763800000012 } from './012-releases.ts';
import { DigestSettings1763800000013 } from './013-digest-settings.ts';
import { ReportImages1763800000014 } from './014-report-images.ts';
import { ContactEmailAlerts1763800000009 } from './009-contact-email-alerts.ts';
import { RegionalDecisionTree1763800000015 } from './015-regional-decision-tree.ts';
import { KbQuestions1763800000016 } from './016-kb-questions.ts';
import { KbLearning1763800000017 } from './017-kb-learning.ts';
import { DeliveryLeases1763800000018 } from './018-delivery-leases.ts';

/** Every migration, oldest first. Add new ones at the end; never edit a released one. */
export const migrations = [InitialSchema1763800000001, DirectoryAccessAudit1763800000002, KnowledgeBase1763800000003, DecisionTree1763800000004, KbSearch1763800000005, KbEvents1763800000006, Outbox1763800000007, Incidents1763800000008, ContactEmailAlerts1763800000009, Maintenance1763800000010, News1763800000011, Releases1763800000012, DigestSettings1763800000013, ReportImages1763800000014, RegionalDecisionTree1763800000015, KbQuestions1763800000016, KbLearning1763800000017, DeliveryLeases1763800000018];
