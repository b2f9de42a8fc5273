/**
 * A response schema in fastify also serializes: a field the schema does not name is dropped from the answer. So a
 * schema written beside a domain type must name every field of it; `answerShape` makes that a compile error.
 */
import { Type, type Static, type StringOptions, type TSchema } from '@sinclair/typebox';

/** A value as JSON carries it: dates become ISO strings. */
export type Serialized<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Serialized<U>[]
    : T extends object
      ? { [K in keyof T]: Serialized<T[K]> }
      : T;

/** True when each of A and B is assignable to the other (optional fields aside, the same fields and types). */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * The schema, checked against what the service answers: `answerShape<Report>()(Type.Object({…}))` compiles only when
 * the schema's static type and `Report` as JSON have the same fields.
 */
export function answerShape<Answer>() {
  return <S extends TSchema>(
    schema: S & (SameShape<Serialized<Static<S>>, Serialized<Answer>> extends true ? unknown : never),
  ): S => schema;
}

/** A time the service holds as a Date: an ISO date-time string on the wire (fastify's serializer writes it so). */
export const DateTime = (options: StringOptions = {}) =>
  Type.Unsafe<Date>(Type.String({ format: 'date-time', ...options }));
