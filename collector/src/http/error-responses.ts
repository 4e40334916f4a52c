import { ErrorBody } from '@zhengban/shared';

/** Every route answers errors with ErrorBody; spread this into its `response` schemas. */
export const errorResponses = { '4xx': ErrorBody, '5xx': ErrorBody } as const;
