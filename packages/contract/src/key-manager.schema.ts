import { Type, type Static } from '@sinclair/typebox';

/*
 * Request bodies of the Barbican-compatible key manager (`/key-manager/v1`). Types only, as Barbican's
 * jsonschema checks them (unknown keys allowed, nothing coerced); the rules between fields (payload needs
 * a content type, certificate containers' reference names, …) are the key-manager services' job.
 */

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** `POST /v1/secrets`. */
export const SecretCreateBody = Type.Object({
  name: Type.Optional(NullableString),
  payload: Type.Optional(NullableString),
  payload_content_type: Type.Optional(NullableString),
  payload_content_encoding: Type.Optional(NullableString),
  secret_type: Type.Optional(NullableString),
  algorithm: Type.Optional(NullableString),
  bit_length: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  mode: Type.Optional(NullableString),
  expiration: Type.Optional(NullableString),
});
export type SecretCreateBody = Static<typeof SecretCreateBody>;

/** `POST /v1/containers`. */
export const ContainerCreateBody = Type.Object({
  name: Type.Optional(NullableString),
  type: Type.String(),
  secret_refs: Type.Optional(
    Type.Array(Type.Object({ name: Type.Optional(NullableString), secret_ref: Type.String() })),
  ),
});
export type ContainerCreateBody = Static<typeof ContainerCreateBody>;
