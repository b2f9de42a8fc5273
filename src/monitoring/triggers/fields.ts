/** The facts a monitoring trigger can read, declared once so trigger expressions are type-checked by the rules engine. */
import { createFieldCatalog, type FieldDefinition } from '../../core/fields.js';

const owner = 'monitoring';

export const MONITORING_FIELDS: FieldDefinition[] = [
  { name: 'event.type', type: 'string', description: 'repayment | consortium | contact | behaviour', owner },
  { name: 'event.kind', type: 'string', description: 'consortium event: application | loan | overdue', owner },
  { name: 'event.outcome', type: 'string', description: 'contact outcome', owner },
  { name: 'event.signal', type: 'string', description: 'behaviour signal name', owner },
  { name: 'event.value', type: 'number', description: 'behaviour signal value', owner },
  { name: 'event.amount', type: 'number', description: 'amount on the event', owner },
  { name: 'event.dpd', type: 'number', description: 'days past due reported by another lender', owner },
  ...(['7d', '30d'] as const).flatMap((w): FieldDefinition[] => [
    {
      name: `consortium.loans_${w}`,
      type: 'number',
      description: `new loans at other lenders in ${w}`,
      window: w,
      entity: 'borrower',
      owner,
    },
    {
      name: `consortium.applications_${w}`,
      type: 'number',
      description: `applications at other lenders in ${w}`,
      window: w,
      entity: 'borrower',
      owner,
    },
    {
      name: `consortium.lenders_${w}`,
      type: 'number',
      description: `distinct other lenders with a loan or application in ${w}`,
      window: w,
      entity: 'borrower',
      owner,
    },
  ]),
  {
    name: 'consortium.overdue_30d',
    type: 'number',
    description: 'overdue reports from other lenders in 30d',
    window: '30d',
    entity: 'borrower',
    owner,
  },
  {
    name: 'consortium.max_dpd_90d',
    type: 'number',
    description: 'worst DPD reported elsewhere in 90d',
    window: '90d',
    entity: 'borrower',
    owner,
  },
  {
    name: 'contact.unreachable_30d',
    type: 'number',
    description: 'unreachable contact attempts in 30d',
    window: '30d',
    entity: 'borrower',
    owner,
  },
  {
    name: 'contact.disconnected_30d',
    type: 'number',
    description: 'number-disconnected outcomes in 30d',
    window: '30d',
    entity: 'borrower',
    owner,
  },
  {
    name: 'contact.disputes_90d',
    type: 'number',
    description: 'disputes and complaints in 90d',
    window: '90d',
    entity: 'borrower',
    owner,
  },
  {
    name: 'contact.days_since_reached',
    type: 'number',
    description: 'days since the borrower was last reached (null if never)',
    entity: 'borrower',
    owner,
  },
  {
    name: 'repayment.count_30d',
    type: 'number',
    description: 'repayments received in 30d',
    window: '30d',
    entity: 'borrower',
    owner,
  },
  { name: 'book.open_loans', type: 'number', description: 'open loans with us', entity: 'borrower', owner },
  { name: 'book.max_dpd', type: 'number', description: 'worst current DPD on our loans', entity: 'borrower', owner },
  { name: 'book.outstanding', type: 'number', description: 'outstanding principal with us', entity: 'borrower', owner },
  {
    name: 'bcard.score',
    type: 'number',
    description: 'behaviour score after this event (when a re-scorer is configured)',
    entity: 'borrower',
    owner,
  },
];

export const monitoringCatalog = createFieldCatalog(MONITORING_FIELDS);
