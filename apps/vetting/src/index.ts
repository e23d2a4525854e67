export * from './vetting.module';
export * from './vetting.service';
export { Vetting } from './infrastructure/vetting-runtime';
export { DEFAULT_PACK_DATA } from './domain/policy/default-pack';
export { chaseJointReview, endNotice, fileAppointment } from './domain/election';
export { Roster, ROSTER } from './infrastructure/roster/roster-runtime';
