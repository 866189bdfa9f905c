import { Injectable } from '@nestjs/common';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agency } from './agency.entity';
import { slugify } from './slug';

export interface NewAgency {
  name: string;
  timezone: string;
  country: string;
}

const SLUG_ATTEMPTS = 5;

@Injectable()
export class AgenciesService {
  private readonly loaded = new WeakMap<RequestContext, { agencyId: string; agency: Promise<Agency> }>();

  constructor(private readonly clock: Clock) {}

  /** Creates the agency and scopes the (public) context to it, so its first users can be written. */
  async create(ctx: RequestContext, input: NewAgency): Promise<Agency> {
    const id = randomUUID();
    await ctx.enterAgency(id);
    const base = slugify(input.name);
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      const slug = attempt === 0 ? base : `${base}-${randomBytes(3).toString('hex')}`;
      // The slug is unique across agencies, and other agencies' rows are invisible here:
      // ON CONFLICT lets the unique index decide without revealing anything else.
      const inserted = await ctx.query<Agency>(
        `INSERT INTO agencies (id, name, slug, timezone, country, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (slug) DO NOTHING
         RETURNING id`,
        [id, input.name, slug, input.timezone, input.country.toUpperCase(), this.clock.now()],
      );
      if (inserted.length > 0) return this.current(ctx);
    }
    throw new Error(`Could not find a free slug for agency "${base}"`);
  }

  /** The agency id for a sign-in slug, through the one function that may look across agencies. */
  async idForSlug(ctx: RequestContext, slug: string): Promise<string | null> {
    const [row] = await ctx.query<{ id: string | null }>('SELECT agency_id_by_slug($1) AS id', [slug]);
    return row?.id ?? null;
  }

  /** The context's own agency, loaded once per context however many fields ask for it. */
  current(ctx: RequestContext): Promise<Agency> {
    const agencyId = ctx.agencyId;
    if (!agencyId) throw new Error('No agency in this context');
    const cached = this.loaded.get(ctx);
    if (cached?.agencyId === agencyId) return cached.agency;
    const agency = ctx.findOrFail(Agency, { id: agencyId }, 'Agency');
    this.loaded.set(ctx, { agencyId, agency });
    return agency;
  }
}
