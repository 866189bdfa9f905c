import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFoundError } from '@lib/errors';
import { isUUID } from 'class-validator';

/** Ids are opaque to clients: one that cannot exist is simply not found. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new NotFoundError();
    return value;
  }
}
