import { TimelineEventKind } from './timeline-event.model';

export interface TimelineRow {
  application_id: string;
  at: Date;
  kind: TimelineEventKind;
  record_id: string;
  detail: Record<string, string | number | boolean | null>;
}

const words = (value: unknown) =>
  String(value ?? '')
    .toLowerCase()
    .replace(/_/g, ' ');

/** One line a counselor reads in the application's history. */
export function describeEvent(row: TimelineRow): string {
  const d = row.detail;
  switch (row.kind) {
    case TimelineEventKind.STAGE_CHANGED:
      return d.from ? `Moved from ${words(d.from)} to ${words(d.to)}${d.reason ? `: ${d.reason}` : ''}` : `Submitted`;
    case TimelineEventKind.INTERVIEW:
      return d.arranged ? 'Interview arranged by the agency' : 'Interview';
    case TimelineEventKind.DEBRIEF:
      return `Debrief: the interview went ${d.rating}/5`;
    case TimelineEventKind.FOLLOW_UP: {
      const who =
        d.direction === 'INBOUND' ? 'The employer got in touch' : `${words(d.purpose)} by ${words(d.channel)}`;
      const answer = d.response ? `; answer: ${words(d.response)}` : '';
      return `${who[0]!.toUpperCase()}${who.slice(1)} (${words(d.outcome)})${answer}`;
    }
    case TimelineEventKind.REFERENCE_SIGNAL:
      return `Reference check: ${words(d.kind)}`;
    case TimelineEventKind.TASK:
      return `Task opened: ${d.title}`;
  }
}
