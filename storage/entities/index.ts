import { AuditEntity, ChannelLinkEntity, ConversationReferenceEntity, InvitationEntity, PersonEntity } from './access.entities.ts';
import { ApplicationEntity, ContactEntity, OrganisationEntity } from './directory.entities.ts';
import { DecisionTreeEntity } from './decision-tree.entity.ts';
import { KbEntryEntity } from './kb-entry.entity.ts';
import { KbEventEntity } from './kb-event.entity.ts';
import { KbLearnedQuestionEntity, KbQuestionVoteEntity } from './kb-learning.entities.ts';
import { DeliveryEntity, NoticeEntity } from './outbox.entities.ts';
import { IncidentEntity } from './incident.entity.ts';
import { MaintenanceEntity } from './maintenance.entity.ts';
import { NewsEntity } from './news.entity.ts';
import { ReleaseEntity } from './release.entity.ts';
import { DigestSettingEntity } from './digest-setting.entity.ts';
import { ReportImageEntity } from './report-image.entity.ts';
import { KvStateEntity } from './kv-state.entity.ts';
import { SlackEventReceiptEntity } from './slack-event-receipt.entity.ts';

export const entities = [
  KvStateEntity,
  SlackEventReceiptEntity,
  OrganisationEntity,
  ApplicationEntity,
  ContactEntity,
  PersonEntity,
  InvitationEntity,
  ChannelLinkEntity,
  ConversationReferenceEntity,
  AuditEntity,
  KbEntryEntity,
  DecisionTreeEntity,
  KbEventEntity,
  KbQuestionVoteEntity,
  KbLearnedQuestionEntity,
  NoticeEntity,
  DeliveryEntity,
  IncidentEntity,
  MaintenanceEntity,
  NewsEntity,
  ReleaseEntity,
  DigestSettingEntity,
  ReportImageEntity,
];
