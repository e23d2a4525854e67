export * from './assessment-scale';
export * from './assessment-period';
export * from './turnout';
export * from './assessment.events';
export * from './assessment.state';
export * from './assessment-input';
export * from './assessment.decisions';
export * from './assessment-summary';
