import { Field, InputType } from '@nestjs/graphql';
import { isURL, MaxLength, ValidateBy } from 'class-validator';

/**
 * http(s), lower-case scheme (the table's check is case-sensitive), and no
 * user:password: the URL is listed to every admin, and the signature is the
 * authentication. One rule, so a bad URL is reported once.
 */
const IsHttpUrl = () =>
  ValidateBy({
    name: 'isHttpUrl',
    validator: {
      validate: (value) =>
        typeof value === 'string' &&
        /^https?:\/\//.test(value) &&
        isURL(value, { protocols: ['http', 'https'], require_protocol: true, require_tld: false, disallow_auth: true }),
      defaultMessage: () => 'url must be an http:// or https:// URL, without a user name or password',
    },
  });

@InputType()
export class AddWebhookInput {
  @Field({ description: 'Receives a signed POST per event; http:// or https://' })
  @IsHttpUrl()
  @MaxLength(2000)
  url!: string;
}
