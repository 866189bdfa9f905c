import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { HttpCtx, RequestContext } from '@lib/context';
import { BadUserInputError } from '@lib/errors';
import { CandidateImportReport, CandidateImportService } from './candidate-import.service';

/**
 * `POST /candidates/import` with `Content-Type: text/csv` and the bearer
 * token: imports the file in one transaction and answers with what was
 * imported and which lines were rejected and why.
 */
@Controller('candidates')
export class CandidateImportController {
  constructor(private readonly imports: CandidateImportService) {}

  @Post('import')
  @HttpCode(200)
  importCsv(@HttpCtx() ctx: RequestContext, @Body() body: unknown): Promise<CandidateImportReport> {
    if (typeof body !== 'string') throw BadUserInputError.forField('file', 'Send the file as text/csv');
    return this.imports.import(ctx, body);
  }
}
