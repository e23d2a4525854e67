export * from './post';
export * from './person';
export * from './holding';
export * from './term';
export * from './derived-roles';
export * from './basic-situation';
export * from './roster-row';
export { looksLikeRosterHeader, mapHeader, type RosterField } from './roster-columns';
