// Write commands and live reads for pairs and groups over their whole life: forming and
// editing drafts, approving them by order (one or many), correcting an order, ending a pair,
// a new mentor after an accepted request, and members joining or leaving a group. The rules
// are domain/pairs.ts and domain/pairLife.ts; each command validates, then writes the rows
// and their outbox entries in one transaction (one per pair when approving many, so one
// refusal does not hold back the others).
// The commands and reads live in pairs/, one part per responsibility; importers use this entry.
export { createPair, deleteDraftPair, updateDraftPair } from './pairs/drafts';
export { approvePair, approvePairs, correctOrder, endPair } from './pairs/status';
export { addMember, removeMember } from './pairs/members';
export { observeConsentCoverage } from './pairs/consents';
export {
  observePairLinks,
  observeReplacementsDue,
  replaceMentor,
  type PairLinks,
} from './pairs/replacement';
