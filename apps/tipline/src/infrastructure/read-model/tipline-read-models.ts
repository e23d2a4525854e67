import { NoticeCandidateRecord } from './notice-candidates.entity';
import { PublicNoticeRecord } from './public-notices.entity';
import { TipListRecord } from './tip-list.entity';

/** The tip-line's read-model entities (tables from its migrations), for its ServiceDefinition. */
export const TIPLINE_READ_MODELS = [TipListRecord, PublicNoticeRecord, NoticeCandidateRecord];
