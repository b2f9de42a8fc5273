import { Type } from '@sinclair/typebox';
import { FairnessGateCheckSchema } from './fairness-schemas.js';

/** RFC 9457 problem document as it appears in the OpenAPI description. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    fairness: Type.Optional({
      ...FairnessGateCheckSchema,
      description: 'a publish the fairness gate refused: the groups under the threshold',
    }),
  },
  { title: 'Problem' },
);
