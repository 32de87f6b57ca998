// Owns the reads behind the school's documents (the school's requisites are
// data/repos/schoolRequisites.ts'): its pairs with their members as papers name them,
// and one pair's plan, meetings and questionnaire results; for the year's documents the
// programme years, the staff to name as curator, the orders' requisites typed on the device,
// and the analytical report's facts with the KPI table. Private notes and sensitive
// categories are never read here: a document must not carry them.
// The reads live in documentQueries/, one part per responsibility; importers use this entry.
export {
  documentPairs,
  observeDocumentSources,
  observePairDocumentFacts,
  type DocumentSources,
  type PairDocumentFacts,
} from './documentQueries/pairs';
export {
  EMPTY_YEAR_ORDERS,
  observeYearDocumentSources,
  saveYearOrderRequisites,
  type YearDocumentSources,
  type YearOrderRequisites,
} from './documentQueries/yearOrders';
export { PAGE_ROWS, readInPages } from './documentQueries/pages';
export {
  kpiPeriodOf,
  observeAnalyticalReport,
  readAnalyticalReport,
  type AnalyticalReportData,
} from './documentQueries/analyticalReport';
