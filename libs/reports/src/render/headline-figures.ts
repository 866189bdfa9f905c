import { ActivityFigures } from '../report-figures';

/** The headline figures, in the order every rendering (text, HTML, CSV) shows them. */
export const HEADLINE_FIGURES: ReadonlyArray<{ key: keyof ActivityFigures; label: string }> = [
  { key: 'interviews', label: 'Interviews' },
  { key: 'debriefs', label: 'Debriefs' },
  { key: 'followUpsMade', label: 'Follow-ups made' },
  { key: 'followUpsAnswered', label: 'Follow-ups answered' },
  { key: 'referenceSignals', label: 'Reference-check signals' },
  { key: 'verbalOffers', label: 'Verbal offers' },
  { key: 'writtenOffers', label: 'Written offers' },
  { key: 'placements', label: 'Placements' },
  { key: 'escalationsRaised', label: 'Escalations raised' },
  { key: 'escalationsResolved', label: 'Escalations resolved' },
  { key: 'escalationsOpen', label: 'Escalations open at week end' },
];

export const percent = (rate: number | null): string => (rate === null ? 'n/a' : `${Math.round(rate * 100)}%`);

export const signed = (value: number | undefined): string =>
  value === undefined ? '' : `${value >= 0 ? '+' : ''}${value}`;
