import { Field, ID, ObjectType } from '@nestjs/graphql';

/** An endpoint that receives the agency's events. Its secret is shown once, by addWebhook, and never again. */
@ObjectType('Webhook')
export class WebhookModel {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('WebhookWithSecret')
export class WebhookWithSecretModel {
  @Field(() => WebhookModel)
  webhook!: WebhookModel;

  @Field({
    description:
      'The signing secret, shown this once: webhook-signature is "v1," + base64 HMAC-SHA256, keyed with this ' +
      'text, of "<webhook-id>.<webhook-timestamp>.<raw body>"',
  })
  secret!: string;
}
