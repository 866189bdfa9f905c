import { PipelineReport } from './pipeline-report.entity';
import { PipelineReportModel } from './pipeline-report.model';

/**
 * The stored report as one reader may see it: the candidate name of a stalled
 * application stays only where `showsNamesOf(counselorId)` allows.
 */
export function presentReport(
  report: PipelineReport,
  showsNamesOf: (counselorId: string) => boolean,
): PipelineReportModel {
  return {
    ...report.figures,
    id: report.id,
    weekStart: report.weekStart,
    weekEnd: report.weekEnd,
    generatedAt: report.generatedAt,
    revision: report.revision,
    stalled: report.figures.stalled.map((entry) => ({
      ...entry,
      candidateName: showsNamesOf(entry.counselorId) ? entry.candidateName : null,
    })),
  };
}
