// School documents as a pure content model: builders from rows to blocks (no Vue, no docx).
export * from './model';
export * from './format';
export * from './common';
export * from './approvalOrder';
export * from './developmentPlan';
export * from './mentorReport';
export * from './year';
export * from './orders';
export * from './curatorOrder';
export * from './mentorsOrder';
export * from './analyticalFacts';
export * from './analyticalReport';
