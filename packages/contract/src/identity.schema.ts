import { Type, type Static } from '@sinclair/typebox';

// Request bodies of the Keystone v3 subset served under /identity. Unlike the Octavia schemas these
// follow Keystone's jsonschema rules: unknown keys are allowed (clients send extras such as `is_domain`,
// `options`, `tags`) and nothing is coerced. Validated by compileKeystoneValidator (keystone-validator.ts).

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Name = Type.String({ minLength: 1, maxLength: 255 });
/** Keystone's default `max_password_length`. */
const Password = Type.String({ maxLength: 4096 });
const Description = Type.Union([Type.String({ maxLength: 65535 }), Type.Null()]);
const DomainRef = Type.Object({ id: Type.Optional(Id), name: Type.Optional(Name) });

/** `POST /v3/auth/tokens` (password method; project scope by id or by name + domain). */
export const AuthTokensBody = Type.Object({
  auth: Type.Object({
    identity: Type.Object({
      methods: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 8 }),
      password: Type.Optional(
        Type.Object({
          user: Type.Object({
            id: Type.Optional(Id),
            name: Type.Optional(Name),
            domain: Type.Optional(DomainRef),
            password: Password,
          }),
        }),
      ),
    }),
    scope: Type.Optional(
      Type.Union([
        Type.Object({
          project: Type.Optional(
            Type.Object({
              id: Type.Optional(Id),
              name: Type.Optional(Name),
              domain: Type.Optional(DomainRef),
            }),
          ),
        }),
        Type.String({ maxLength: 64 }),
      ]),
    ),
  }),
});
export type AuthTokensBody = Static<typeof AuthTokensBody>;

/** `POST /v3/projects`. */
export const ProjectCreateBody = Type.Object({
  project: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 64 }),
    domain_id: Type.Optional(Type.Union([Id, Type.Null()])),
    description: Type.Optional(Description),
    enabled: Type.Optional(Type.Boolean()),
  }),
});
export type ProjectCreateBody = Static<typeof ProjectCreateBody>;

/** `PATCH /v3/projects/{id}`. */
export const ProjectUpdateBody = Type.Object({
  project: Type.Object({
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    description: Type.Optional(Description),
    enabled: Type.Optional(Type.Boolean()),
  }),
});
export type ProjectUpdateBody = Static<typeof ProjectUpdateBody>;

const UserFields = {
  password: Type.Optional(Type.Union([Password, Type.Null()])),
  enabled: Type.Optional(Type.Boolean()),
  default_project_id: Type.Optional(Type.Union([Id, Type.Null()])),
  description: Type.Optional(Description),
  email: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
};

/** `POST /v3/users`. */
export const UserCreateBody = Type.Object({
  user: Type.Object({ name: Name, domain_id: Type.Optional(Type.Union([Id, Type.Null()])), ...UserFields }),
});
export type UserCreateBody = Static<typeof UserCreateBody>;

/** `PATCH /v3/users/{id}` (`openstack user set --password`). */
export const UserUpdateBody = Type.Object({
  user: Type.Object({ name: Type.Optional(Name), ...UserFields }),
});
export type UserUpdateBody = Static<typeof UserUpdateBody>;

/** `POST /v3/roles` and `PATCH /v3/roles/{id}` (global roles only: `domain_id` must be null when given). */
export const RoleCreateBody = Type.Object({
  role: Type.Object({
    name: Name,
    description: Type.Optional(Description),
    domain_id: Type.Optional(Type.Null()),
  }),
});
export type RoleCreateBody = Static<typeof RoleCreateBody>;
export const RoleUpdateBody = Type.Object({
  role: Type.Object({ name: Type.Optional(Name), description: Type.Optional(Description) }),
});
export type RoleUpdateBody = Static<typeof RoleUpdateBody>;
