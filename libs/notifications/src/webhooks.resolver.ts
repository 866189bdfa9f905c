import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequestContext, Role, Roles } from '@lib/context';
import { Ctx, ParseIdPipe } from '@lib/graphql';
import { AddWebhookInput } from './dto/add-webhook.input';
import { WebhookModel, WebhookWithSecretModel } from './webhook.model';
import { WebhooksService } from './webhooks.service';

@Resolver(() => WebhookModel)
export class WebhooksResolver {
  constructor(private readonly webhooks: WebhooksService) {}

  @Roles(Role.ADMIN)
  @Query(() => [WebhookModel], { name: 'webhooks', description: "The agency's webhooks, oldest first" })
  listWebhooks(@Ctx() ctx: RequestContext): Promise<WebhookModel[]> {
    return this.webhooks.list(ctx);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => WebhookWithSecretModel, { description: 'Adds a webhook; its signing secret is shown this once' })
  addWebhook(@Ctx() ctx: RequestContext, @Args('input') input: AddWebhookInput): Promise<WebhookWithSecretModel> {
    return this.webhooks.add(ctx, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Boolean, { description: 'Removes a webhook; its undelivered messages are dropped' })
  async removeWebhook(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<true> {
    await this.webhooks.remove(ctx, id);
    return true;
  }
}
