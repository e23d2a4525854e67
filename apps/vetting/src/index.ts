export * from './vetting.module';
export * from './vetting.service';
export { DEFAULT_PACK_DATA } from './domain/policy/default-pack';
export { ChaseJointReview, EndNotice, FileAppointment } from './application/village-election.commands';
